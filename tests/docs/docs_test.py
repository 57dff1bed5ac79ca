#!/usr/bin/env python3
"""docs_test: every `ties ...` / `build/ties ...` command in a ```sh block of README.md and docs/*.md runs.

Each command runs (through bash) in a temporary directory holding links to the repository's samples/, data/
and web/, with $TIES_DB set to a database ingested there from samples/. A non-zero exit fails the test.
A line with the marker `# docs-test: skip (reason)` is skipped; clickhouse:// commands are skipped with a
message unless the server in the location answers.

usage: docs_test.py SOURCE_DIR TIES_BINARY
"""
import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile

COMMAND = re.compile(r"^\s*(build/ties|ties)(\s.*)$")
CLICKHOUSE = re.compile(r"clickhouse://([^:/'\"\s]+):(\d+)")


def commands(source_dir):
    files = [os.path.join(source_dir, "README.md")] + sorted(glob.glob(os.path.join(source_dir, "docs", "*.md")))
    for path in files:
        in_sh = False
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                fence = line.strip()
                if fence.startswith("```"):
                    in_sh = (not in_sh) and fence in ("```sh", "```bash", "```shell")
                    continue
                m = COMMAND.match(line) if in_sh else None
                if m:
                    yield os.path.relpath(path, source_dir), number, line.rstrip("\n"), m.group(2)


def answers(host, port):
    try:
        with socket.create_connection((host, int(port)), timeout=2):
            return True
    except OSError:
        return False


def main():
    source_dir, binary = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    work = tempfile.mkdtemp(prefix="ties-docs-test-")
    try:
        for name in ("samples", "data", "web"):
            if os.path.exists(os.path.join(source_dir, name)):
                os.symlink(os.path.join(source_dir, name), os.path.join(work, name))
        env = dict(os.environ, TIES_DB=os.path.join(work, "docs.db"))
        env.setdefault("TIES_DATA_DIR", os.path.join(source_dir, "data"))
        subprocess.run([binary, "ingest", "--quiet", "samples/text", "samples/jsonl"], cwd=work, env=env, check=True)
        failed = ran = skipped = 0
        for where, number, line, args in commands(source_dir):
            label = f"{where}:{number}: {line.strip()}"
            if "# docs-test: skip" in line:
                print(f"SKIP {label}")
                skipped += 1
                continue
            ch = CLICKHOUSE.search(args)
            if ch and not answers(ch.group(1), ch.group(2)):
                print(f"SKIP {label}\n     (no ClickHouse server answers at {ch.group(1)}:{ch.group(2)})")
                skipped += 1
                continue
            ran += 1
            try:
                r = subprocess.run(["bash", "-c", binary + args], cwd=work, env=env, capture_output=True, text=True,
                                   timeout=60)
                code, err = r.returncode, r.stderr
            except subprocess.TimeoutExpired:
                code, err = "timeout", ""
            if code != 0:
                failed += 1
                print(f"FAIL {label}\n     exit {code}: {err.strip()[:500]}")
            else:
                print(f"ok   {label}")
        print(f"{ran} commands run, {failed} failed, {skipped} skipped")
        return 1 if failed or ran == 0 else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
