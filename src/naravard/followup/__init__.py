"""Follow up the change: self-assessment against the eight success factors, and indicators over
time drawn as run charts and control charts (the worksheet ``uppfoljning``, chapter 15)."""
