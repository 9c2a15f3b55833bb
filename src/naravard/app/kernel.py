"""The worksheets' IPython kernel, started by ``naravard serve`` with its routine notes in the log."""

from __future__ import annotations

import sys

#: Modules a worksheet kernel never loads. jsonschema imports ``rfc3987_syntax`` (when
#: installed) only to check the formats "iri" and "iri-reference", which the Vega-Lite schema
#: does not use (``tests/app/test_kernel_start.py`` checks that); parsing its grammar costs
#: about a second of every kernel's first chart.
SKIPPED_MODULES = ("rfc3987_syntax",)


def skip_unused_modules() -> None:
    """Make ``import`` of :data:`SKIPPED_MODULES` fail at once (optional imports only)."""
    for name in SKIPPED_MODULES:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def kernel_main(argv: list[str] | None = None) -> None:
    """Start a worksheet's IPython kernel with its routine messages in the log file.

    ``naravard serve`` starts Python kernels with this instead of ``ipykernel_launcher``, so
    that notes such as "Kernel is running over TCP without encryption" go to the log file named
    in ``$NARAVARD_LOG`` and only the kernel's errors reach the facilitator's terminal.
    """
    import os

    skip_unused_modules()
    from ipykernel.kernelapp import IPKernelApp

    if sys.path and sys.path[0] == "":  # as ipykernel_launcher: not the notebook's folder
        del sys.path[0]
    config: dict = {"handlers": {"console": {"level": "ERROR"}}}
    log_file = os.environ.get("NARAVARD_LOG")
    if log_file:
        config["handlers"]["naravard_file"] = {
            "class": "logging.FileHandler", "filename": log_file, "encoding": "utf-8",
            "level": "INFO", "formatter": "naravard_file"}
        config["formatters"] = {
            "naravard_file": {"format": "%(asctime)s %(name)s %(levelname)s %(message)s"}}
        config["loggers"] = {"IPKernelApp": {"handlers": ["console", "naravard_file"]}}
    app = IPKernelApp.instance(logging_config=config)
    for handler in app.log.handlers:
        if handler.get_name() == "console":
            handler.addFilter(_not_closed_socket)
    app.initialize(argv)
    app.start()


def _not_closed_socket(record) -> bool:
    """False for the error a kernel logs when it is shut down in the middle of running a
    worksheet (a preheated kernel waiting for its page): routine, so for the log file only."""
    import zmq

    exc = record.exc_info[1] if record.exc_info else None
    return not (isinstance(exc, zmq.ZMQError) and exc.errno == zmq.ENOTSOCK)
