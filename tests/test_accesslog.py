"""The access log: one whole JSON line per event, append-only, safe across processes and crashes."""

import json
import multiprocessing
import stat
import warnings
from datetime import UTC, datetime, timedelta, timezone

import pytest

from access.log import AccessLog, AccessLogError, DamagedLineWarning, read_log
from geo import paths

MOMENT = datetime(2025, 4, 10, 12, 0, tzinfo=timezone(timedelta(hours=2)))


def test_a_record_is_one_json_line_with_utc_time_who_what_and_details(tmp_path):
    log = AccessLog(tmp_path / "toegang.jsonl")
    entry = log.record("bekijken_embargo", user="anna", role="planner", client="10.0.0.7",
                       details={"release": "actualisatie-2025", "weergave": "kaart"}, now=MOMENT)
    lines = log.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0]) == entry
    assert entry == {
        "tijd": "2025-04-10T10:00:00.000+00:00", "gebeurtenis": "bekijken_embargo", "gebruiker": "anna",
        "rol": "planner", "client": "10.0.0.7", "details": {"release": "actualisatie-2025", "weergave": "kaart"},
    }
    assert read_log(log.path) == [entry]


def test_the_log_is_only_readable_by_its_owner(tmp_path):
    log = AccessLog(tmp_path / "logs" / "toegang.jsonl")
    log.record("uitloggen", user="anna", role="planner", client="c")
    assert stat.S_IMODE(log.path.stat().st_mode) == 0o600


def test_a_new_log_object_after_a_restart_appends_and_keeps_every_earlier_byte(tmp_path):
    path = tmp_path / "toegang.jsonl"
    AccessLog(path).record("login", user="anna", role="planner", client="c", now=MOMENT)
    before = path.read_bytes()
    AccessLog(path).record("export_embargo", user="anna", role="planner", client="c",
                           details={"bestand": "sleutelprojecten.csv"}, now=MOMENT + timedelta(minutes=1))
    assert path.read_bytes().startswith(before)
    assert [e["gebeurtenis"] for e in read_log(path)] == ["login", "export_embargo"]


def test_a_failed_login_is_logged_without_user_or_role(tmp_path):
    log = AccessLog(tmp_path / "toegang.jsonl")
    log.record("login_mislukt", user=None, role=None, client="c", details={"reden": "onbekende gebruiker"})
    [entry] = read_log(log.path)
    assert entry["gebruiker"] is None and entry["rol"] is None and entry["details"]["reden"] == "onbekende gebruiker"


@pytest.mark.parametrize("event, role", [("bekeken", "planner"), ("login", "beheerder")])
def test_an_unknown_event_or_role_is_refused_and_nothing_is_written(tmp_path, event, role):
    log = AccessLog(tmp_path / "toegang.jsonl")
    with pytest.raises(ValueError, match="Onbekende"):
        log.record(event, user="anna", role=role, client="c")
    assert not log.path.exists()


def test_a_log_that_cannot_be_written_raises_a_dutch_error(tmp_path):
    (tmp_path / "geen-map").write_text("dit is een bestand")
    log = AccessLog(tmp_path / "geen-map" / "toegang.jsonl")
    with pytest.raises(AccessLogError, match="kan niet worden geschreven"):
        log.record("login", user="anna", role="planner", client="c")


def _write_many(path, writer, count, size):
    """Append ``count`` large records from one process."""
    log = AccessLog(path)
    for number in range(count):
        log.record("bekijken_embargo", user=f"schrijver{writer}", role="planner", client=str(writer),
                   details={"volgnummer": number, "opvulling": "x" * size})


def test_concurrent_writers_in_several_processes_produce_only_whole_lines(tmp_path):
    path = tmp_path / "toegang.jsonl"
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_write_many, args=(path, w, 40, 50_000)) for w in range(6)]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=120)
        assert process.exitcode == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a damaged line would fail the test
        entries = read_log(path)
    assert len(entries) == 6 * 40
    assert len(path.read_bytes().splitlines()) == 6 * 40
    for writer in range(6):
        mine = [e["details"]["volgnummer"] for e in entries if e["client"] == str(writer)]
        assert mine == list(range(40))


def test_a_truncated_last_line_is_ignored_and_reported_and_earlier_lines_survive(tmp_path):
    path = tmp_path / "toegang.jsonl"
    log = AccessLog(path)
    for user in ("anna", "bert", "carla"):
        log.record("login", user=user, role="planner", client="c", now=MOMENT)
    complete = path.read_bytes()
    line = json.dumps({"tijd": "2025-04-10T10:05:00.000+00:00", "gebeurtenis": "export_embargo"}).encode()
    with open(path, "ab") as handle:  # a crash halfway through writing the fourth line
        handle.write(line[: len(line) // 2])
    with pytest.warns(DamagedLineWarning, match="regel 4 is onvolledig"):
        assert [e["gebruiker"] for e in read_log(path)] == ["anna", "bert", "carla"]
    assert path.read_bytes().startswith(complete)


def test_the_next_writer_after_a_crash_ends_the_broken_line_and_its_own_record_is_whole(tmp_path):
    path = tmp_path / "toegang.jsonl"
    log = AccessLog(path)
    log.record("login", user="anna", role="planner", client="c", now=MOMENT)
    with open(path, "ab") as handle:
        handle.write(b'{"tijd": "2025-04-10T10:0')
    log.record("uitloggen", user="anna", role="planner", client="c", now=MOMENT)
    with pytest.warns(DamagedLineWarning, match="regel 2 is geen geldig logrecord"):
        entries = read_log(path)
    assert [e["gebeurtenis"] for e in entries] == ["login", "uitloggen"]


def test_reading_a_missing_log_gives_no_records(tmp_path):
    assert read_log(tmp_path / "bestaat-niet.jsonl") == []


def test_the_log_location_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("WOONDEAL_ACCESS_LOG", str(tmp_path / "elders.jsonl"))
    AccessLog().record("login", user="anna", role="bestuurder", client="c", now=datetime(2025, 4, 16, tzinfo=UTC))
    assert [e["rol"] for e in read_log()] == ["bestuurder"]
    monkeypatch.delenv("WOONDEAL_ACCESS_LOG")
    assert paths.configured("access_log").parts[-2:] == ("logs", "toegang.jsonl")
