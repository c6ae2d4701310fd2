"""A throwaway PostgreSQL server for tests and benchmarks (never for real data).

``temporary_server()`` finds Debian's PostgreSQL binaries (installing the ``postgresql``
package with apt-get when they are missing and we are root), creates a cluster in a
temporary folder, starts it on 127.0.0.1 on a free port as a non-root user (PostgreSQL
refuses to run as root), yields a ``postgresql://`` URL, and removes everything after.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

PG_GLOB = "/usr/lib/postgresql/*/bin"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server could be started here; the message says why."""


def find_binaries() -> Path | None:
    """The newest installed PostgreSQL bin folder with initdb and pg_ctl, if any."""
    candidates = sorted(
        Path("/").glob(PG_GLOB.lstrip("/")),
        key=lambda p: _version(p.parent.name),
        reverse=True,
    )
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    return None


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(p) for p in name.split(".") if p.isdigit())


def install_binaries() -> Path:
    """apt-get install postgresql (as root), then find the binaries."""
    if os.geteuid() != 0:
        raise PostgresUnavailable("PostgreSQL is not installed and we are not root to install it")
    if not shutil.which("apt-get"):
        raise PostgresUnavailable("PostgreSQL is not installed and apt-get is not available")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", "postgresql"]
    done = subprocess.run(install, env=env, capture_output=True, text=True)
    if done.returncode != 0:  # a fresh machine may need its package lists first
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, text=True)
        done = subprocess.run(install, env=env, capture_output=True, text=True)
    folder = find_binaries()
    if folder is None:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise PostgresUnavailable(f"apt-get install postgresql failed: {tail[0]}")
    return folder


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def temporary_server(*, durable: bool = False) -> Iterator[str]:
    """Run a fresh PostgreSQL cluster; yield the URL of its empty ``newsevents`` database.

    ``durable=False`` turns fsync off (tests); a benchmark passes True to measure the
    commits a real server makes.
    """
    binaries = find_binaries() or install_binaries()
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="newsevents-pg-"))
    data, log = root / "data", root / "server.log"
    port = free_port()
    try:
        if user is not None:
            os.chown(root, user.pw_uid, user.pw_gid)
        root.chmod(0o700)
        _run(user, [str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync"])  # fmt: skip
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        _run(user, [str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
                    "-w", "-t", "60", "start"])  # fmt: skip
        try:
            _create_database(port, "newsevents")
            yield f"postgresql://postgres@127.0.0.1:{port}/newsevents"
        finally:
            _run(user, [str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w",
                        "stop"], check=False)  # fmt: skip
    finally:
        shutil.rmtree(root, ignore_errors=True)


def create_database(url: str, name: str) -> str:
    """A new empty database on the server of ``url``; its URL."""
    base, _, _ = url.rpartition("/")
    port = int(base.rsplit(":", 1)[1])
    _create_database(port, name)
    return f"{base}/{name}"


def _create_database(port: int, name: str) -> None:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=port, user="postgres", dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')


def _server_user() -> pwd.struct_passwd | None:
    """Who runs the server: ourselves unless root; then postgres (or nobody)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise PostgresUnavailable("running as root and there is no postgres or nobody user")


def _run(user: pwd.struct_passwd | None, command: list[str], *, check: bool = True) -> None:
    program = Path(command[0]).name
    if user is not None:
        command = ["runuser", "-u", user.pw_name, "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, cwd="/")
    if check and done.returncode != 0:
        output = (done.stderr or done.stdout).strip().splitlines()
        raise PostgresUnavailable(
            f"{program} failed: {output[-1] if output else 'exit code ' + str(done.returncode)}"
        )
