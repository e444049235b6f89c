import pytest


@pytest.fixture(scope="session")
def gazetteer():
    from newsgraph.geo import load_gazetteer

    return load_gazetteer(include_user=False)
