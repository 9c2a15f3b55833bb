"""Forum mapping: the county's decision and collaboration forums as a NetworkX graph.

- :mod:`.model` – forums, typed relations, the MultiDiGraph, checked changes to the saved doc;
- :mod:`.analysis` – the analyses, each explained in one Swedish sentence;
- :mod:`.perspectives` – participants' own pictures, their agreement and the agreed map;
- :mod:`.fileio` – CSV (Swedish Excel), XLSX, GraphML and JSON import and export;
- :mod:`.example` – the example county's map in data/;
- :mod:`.charts` – the layered graph and the comparison charts (Altair);
- :mod:`.book` – the handbook chapter's executed cells;
- :mod:`.export` – ``naravard export forums``.

The worksheet is in :mod:`naravard.ui.forums`. Other worksheets read the forums through
:func:`forum_records` (a stable contract).
"""

from naravard.forums.model import (DOC, JOINT, LEVELS, RELATION_KINDS, TYPES, FieldError, Forum,
                                   ForumMap, Relation, forum_records, from_graph, to_graph)

__all__ = ["DOC", "JOINT", "LEVELS", "RELATION_KINDS", "TYPES", "FieldError", "Forum",
           "ForumMap", "Relation", "forum_records", "from_graph", "to_graph"]
