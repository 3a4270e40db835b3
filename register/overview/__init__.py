"""The leaders' overview: the same sections, charts and tables for the country, a county and a centre.

``scope`` says whose figures a page shows and who may see them; ``tables`` is the shape every figure
takes (a table, with a chart drawn from it and a CSV download); ``sections`` is the registry through
which the apps above the register (events, e-guidance) add their tables; ``figures`` holds the
register's own; ``snapshots`` stores the monthly aggregates behind the trend.
"""
