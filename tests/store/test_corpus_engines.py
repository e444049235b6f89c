"""The same ingest on N local processes and on a Dask cluster fills the store exactly as
one process does (the real pipeline in every worker)."""

from __future__ import annotations

import os

import pytest
from corpus_helpers import ARTICLES, NEAR_COPY, generated_articles, write_jsonl

from newsgraph.corpus import ingest
from newsgraph.store import Store


@pytest.fixture
def news(tmp_path):
    records = generated_articles(8)
    records[2:2] = [ARTICLES[0], NEAR_COPY]
    return write_jsonl(tmp_path / "news.jsonl", records, extra_lines=["not json"])


def _dump(url):
    with Store.open(url) as store:
        return store.canonical_dump()


@pytest.fixture
def reference(news, tmp_path):
    url = f"sqlite:///{tmp_path / 'reference.sqlite'}"
    summary = ingest([news], url, batch_size=3)
    assert (summary.ingested, summary.duplicates, summary.errors) == (9, 1, 1)
    return _dump(url)


@pytest.mark.sqlite_only
def test_two_worker_processes_store_what_one_process_does(news, store_url, reference):
    """(Engines, not storage, are under test here: SQLite only.)"""
    summary = ingest([news], store_url, workers=2, batch_size=3)
    assert summary.workers == 2 and summary.ingested == 9
    # analysed in worker processes (which of the two took which batch is up to the pool)
    assert 1 <= len(summary.worker_peak_rss_mb) <= 2 and os.getpid() not in summary.worker_peak_rss_mb
    assert all(mb > 50 for mb in summary.worker_peak_rss_mb.values())
    assert _dump(store_url) == reference


@pytest.mark.sqlite_only
def test_a_dask_cluster_stores_what_one_process_does(news, store_url, reference):
    """(Engines, not storage, are under test here: SQLite only.) A LocalCluster with
    worker processes (with processes=False, distributed probes the network)."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        summary = ingest([news], store_url, engine="dask", scheduler=cluster.scheduler_address, batch_size=3)
        assert summary.ingested == 9
    # analysed in the cluster's one worker process, not here
    assert len(summary.worker_peak_rss_mb) == 1 and os.getpid() not in summary.worker_peak_rss_mb
    assert _dump(store_url) == reference

