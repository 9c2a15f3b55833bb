"""Documents the project exports: one block model and its HTML, Word and Markdown renderers.

A slice says *what* goes in a document by building a :class:`~naravard.documents.blocks.Document`
of blocks (headings, paragraphs, lists, tables, figures …); :mod:`.html`, :mod:`.docx` and
:mod:`.markdown` say *how* it looks in each format. Word files are built on the reference
template ``data/dokumentmall.docx``, so a county restyles them in Word without touching code.
"""
