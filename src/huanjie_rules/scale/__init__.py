"""Past one process: counts and screens spread over partitions, reduced exactly.

:mod:`huanjie_rules.scale.dask` (extra ``dask``) runs a province's count partitioned by polling
station and a province's roster partitioned by county on a ``dask.distributed`` cluster. Each
partition is counted or screened by the library's own functions on a worker; counts are reduced
with :meth:`~huanjie_rules.votes.Tally.merge` (a monoid: the grouping never changes the total) and
screens by concatenation, so the answer is the single-process one, whatever the number of workers
or partitions, and a partition lost with a worker is simply computed again.

This package imports nothing heavy: ``dask`` is imported when a function of
:mod:`huanjie_rules.scale.dask` is called.
"""
