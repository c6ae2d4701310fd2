"""`newsevents serve` as a user runs it: a process on 127.0.0.1 answering the page and API."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx

from newsevents.api.serving import free_port


def test_serve_command_answers_page_and_api(served_corpus: str) -> None:
    port = free_port()
    newsevents = Path(sys.executable).with_name("newsevents")
    command = [str(newsevents), "serve", "--db", served_corpus, "--port", str(port)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"{base}/", timeout=5)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        assert page.status_code == 200 and '<main id="view"' in page.text
        assert "content-security-policy" in page.headers
        assert httpx.get(f"{base}/api/articles").json()["total"] == 4
        assert httpx.get(f"{base}/openapi.json").json()["info"]["title"] == "newsevents"
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in stderr


def test_serve_command_reports_a_bad_database(tmp_path: Path) -> None:
    newsevents = Path(sys.executable).with_name("newsevents")
    missing = tmp_path / "no" / "such" / "folder" / "corpus.db"
    result = subprocess.run(
        [str(newsevents), "serve", "--db", str(missing)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "[E100]" in result.stderr
