"""RASA_WORKERS and LOCK_STORE_URL become the settings endpoints.yml and the servers read,
or a refusal that says why (serve/workers.py, used by serve/serve.sh)."""

import pytest

from serve.workers import ATOMIC_REDIS_LOCK_STORE, WorkerSettingsError, worker_settings


def test_the_default_is_one_worker_and_rasas_in_memory_lock_store() -> None:
    settings = worker_settings({})
    assert settings["SANIC_WORKERS"] == "1" and settings["ACTION_SERVER_SANIC_WORKERS"] == "1"
    assert settings["LOCK_STORE_TYPE"] == "in_memory"
    assert "TF_INTRA_OP_PARALLELISM_THREADS" not in settings


def test_several_workers_without_a_lock_store_are_refused_with_the_reason() -> None:
    with pytest.raises(WorkerSettingsError, match="RASA_WORKERS=2 needs a shared lock store"):
        worker_settings({"RASA_WORKERS": "2"})


def test_a_redis_url_becomes_the_atomic_lock_store_and_shares_out_the_cores() -> None:
    settings = worker_settings(
        {"RASA_WORKERS": "2", "LOCK_STORE_URL": "redis://10.0.0.5:6380/3"}, cores=4
    )
    assert settings["LOCK_STORE_TYPE"] == ATOMIC_REDIS_LOCK_STORE
    assert (settings["LOCK_STORE_HOST"], settings["LOCK_STORE_PORT"]) == ("10.0.0.5", "6380")
    assert settings["LOCK_STORE_DB"] == "3"
    assert settings["SANIC_WORKERS"] == "2" == settings["ACTION_SERVER_SANIC_WORKERS"]
    assert settings["TF_INTRA_OP_PARALLELISM_THREADS"] == "2"
    assert settings["TF_INTER_OP_PARALLELISM_THREADS"] == "1"


def test_redis_defaults_to_its_usual_port_and_database_one() -> None:
    settings = worker_settings({"LOCK_STORE_URL": "redis://cache.internal"})
    assert (settings["LOCK_STORE_PORT"], settings["LOCK_STORE_DB"]) == ("6379", "1")


def test_the_action_server_may_have_its_own_number_of_workers() -> None:
    env = {"RASA_WORKERS": "3", "ACTION_WORKERS": "1", "LOCK_STORE_URL": "redis://h:1/1"}
    settings = worker_settings(env, cores=2)
    assert (settings["SANIC_WORKERS"], settings["ACTION_SERVER_SANIC_WORKERS"]) == ("3", "1")
    assert settings["TF_INTRA_OP_PARALLELISM_THREADS"] == "1"


@pytest.mark.parametrize(
    "env",
    [
        {"RASA_WORKERS": "0"},
        {"RASA_WORKERS": "two"},
        {"RASA_WORKERS": "-1"},
        {"ACTION_WORKERS": "0"},
        {"LOCK_STORE_URL": "http://localhost:6379/1"},
        {"LOCK_STORE_URL": "redis://localhost:6379/locks"},
        {"LOCK_STORE_URL": "localhost:6379"},
    ],
)
def test_settings_that_cannot_work_are_refused(env: dict) -> None:
    with pytest.raises(WorkerSettingsError):
        worker_settings(env)
