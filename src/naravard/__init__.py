"""Systemledning för Nära vård: the package behind the handbook and the worksheets."""

__version__ = "0.1.0"
