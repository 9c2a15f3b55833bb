"""Figures of the handbook, drawn as code (altair) so they render offline and print cleanly.

One module per figure or family of figures; each public function returns an altair chart.
"""
