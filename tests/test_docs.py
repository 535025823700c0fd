"""The documentation holds: every relative link in README.md and docs/*.md leads to a file (and,
into a Markdown file, to a heading), and every offline `datamap` command their shell blocks
show runs, on a copy of the shipped inventory, with the exit code the page gives it.

A page is followed top to bottom as a reader would, in a working directory of its own: later
commands see what earlier ones wrote (`draft -o acme`, then `-i acme validate`).
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
SHELL = {"sh", "console", "bash", "shell"}
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")

# -- reading the pages ---------------------------------------------------------------------------


def _closes(line: str, fence: str) -> bool:
    """Whether `line` ends the fenced block opened by `fence` (as many backticks or tildes)."""
    body = line.strip()
    return body.startswith(fence) and not body.strip(fence[0])


def _prose(text: str) -> Iterator[tuple[int, str]]:
    """The lines outside fenced code blocks, numbered from 1."""
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        found = FENCE.match(line)
        if fence is None and found:
            fence = found.group(1)
        elif fence is not None:
            if _closes(line, fence):
                fence = None
        else:
            yield number, line


def _shell_lines(text: str) -> Iterator[tuple[int, str]]:
    """The logical lines of the ```sh / ```console / ```bash blocks (a trailing backslash
    joins the next line; a console prompt `$ ` is dropped)."""
    fence: str | None = None
    shell = False
    pending: tuple[int, str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        found = FENCE.match(line)
        if fence is None:
            if found:
                fence, shell = found.group(1), found.group(2).lower() in SHELL
            continue
        if _closes(line, fence):
            fence = None
            continue
        if not shell:
            continue
        body = line.strip()
        if body.startswith("$ "):
            body = body[2:]
        if pending is not None:
            start, before = pending
            pending = None
            body = f"{before} {body}"
        else:
            start = number
        if body.endswith("\\"):
            pending = (start, body[:-1].rstrip())
            continue
        yield start, body


def _without_comment(line: str) -> str:
    """The line up to a `#` that starts a word outside quotes, as a shell reads it."""
    quote: str | None = None
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip()
    return line.rstrip()


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its text (code spans and links by their text) in lower
    case, punctuation other than `-` and `_` dropped, spaces as hyphens."""
    text = CODE_SPAN.sub(lambda m: m.group(2), heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every heading's anchor in a Markdown file; a repeated one gets -1, -2... as on GitHub."""
    seen: Counter[str] = Counter()
    found = set()
    for _, line in _prose(path.read_text(encoding="utf-8")):
        heading = HEADING.match(line)
        if heading:
            base = slug(heading.group(2))
            found.add(base if not seen[base] else f"{base}-{seen[base]}")
            seen[base] += 1
    return found


def links(path: Path) -> Iterator[tuple[int, str]]:
    """The link targets of a page's prose (not those shown inside code)."""
    for number, line in _prose(path.read_text(encoding="utf-8")):
        for found in LINK.finditer(CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)):
            yield number, found.group(1)


# -- which commands can run here ------------------------------------------------------------------

# Global options that take a value, to find the command after them (catalog/cli VALUED).
GLOBAL_VALUED = {"-i", "--inventory", "-s", "--store", "--neo4j-uri", "--neo4j-user"}
GLOBAL_VALUED |= {"--neo4j-password", "--neo4j-database"}
# Options of `diff` and `import` that take a value, to find their positional arguments.
VALUED = {"-o", "--output", "-f", "--format", "--rules", "--as-of", "--regime"}
NEEDS_NEO4J = {"sync", "cypher", "dev-server"}
PLACEHOLDER = re.compile(r"[A-Z][A-Z0-9_]+(\.\w+)?")  # SYSTEM, URL, ID, DIR, NEW.txt


def _command(argv: list[str]) -> tuple[str | None, list[str]]:
    """The command a `datamap` line names, and the arguments after it."""
    args = iter(argv[1:])
    for arg in args:
        if arg in GLOBAL_VALUED:
            next(args, None)
        elif not arg.startswith("-"):
            return arg, list(args)
    return None, []


def _positionals(args: list[str]) -> list[str]:
    found, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in VALUED:
            skip = True
        elif not arg.startswith("-"):
            found.append(arg)
    return found


def skip_reason(argv: list[str], env: dict[str, str], cwd: Path) -> str | None:
    """Why a line shown in the docs is not run here, or None to run it. The rule, in order:

    1. not `datamap` (make, curl, python -m bench...): not this test's to run;
    2. Neo4j: `sync`, `cypher`, `dev-server`, `--store neo4j` (or DATAMAP_STORE), `--neo4j-uri`;
    3. a server: `serve`;
    4. a database: `scan` of a URL other than a SQLite file present in the working directory,
       or of a `--targets` file that is not there;
    5. a placeholder: a word in capitals (SYSTEM, URL, ID, FIELD, DIR), `<...>`, `...`,
       alternatives `a|b` or optional parts `[...]`: a synopsis, not a command;
    6. a git revision: `diff` of something that is not a folder here (HEAD~1, a tag) reads the
       history of the repository holding the inventory, which the copy has not;
    7. `import` of a folder that is not there.
    """
    if not argv or Path(argv[0]).name != "datamap":
        return "not a datamap command"
    command, args = _command(argv)
    stores = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a in ("-s", "--store")]
    if (
        command in NEEDS_NEO4J
        or "neo4j" in stores
        or env.get("DATAMAP_STORE") == "neo4j"
        or any(a.startswith("--neo4j-uri") for a in argv)
    ):
        return "needs Neo4j"
    if command == "serve":
        return "starts a server"
    if command == "scan":
        targets = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--targets"]
        urls = [a for a in _positionals(args) if "://" in a]
        local = [u.removeprefix("sqlite:///") for u in urls if u.startswith("sqlite:///")]
        if len(local) != len(urls) or not all((cwd / p).is_file() for p in local + targets):
            return "needs a database"
    marks = ("<", ">", "...", "…", "|", "[", "]")
    capitals = [a for a in argv[1:] if PLACEHOLDER.fullmatch(a) and a != "HEAD"]  # git's HEAD
    if capitals or any(m in a for a in argv[1:] for m in marks):
        return "a placeholder"
    if command == "diff" and not all((cwd / p).exists() for p in _positionals(args)):
        return "reads a git revision"
    if command == "import" and not all((cwd / p).exists() for p in _positionals(args)[1:]):
        return "imports a folder that is not there"
    return None


# Exit codes other than 0 that a page gives a command, each with the page's reason.
EXPECTED = {
    # a CI gate: Stefere's notice has high CCPA findings, so --fail-on high exits 1
    "datamap findings --regime ccpa --fail-on high": 1,
}


@dataclass(frozen=True)
class Shown:
    page: Path
    line: int
    text: str
    argv: list[str]
    env: dict[str, str]

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(REPO)}:{self.line}"


def shown(page: Path) -> Iterator[Shown]:
    """Every line of a page's shell blocks, split as a shell would."""
    for number, line in _shell_lines(page.read_text(encoding="utf-8")):
        text = _without_comment(line)
        if not text:
            continue
        words = shlex.split(text)
        env = {}
        while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
            name, _, value = words.pop(0).partition("=")
            env[name] = value
        yield Shown(page, number, text, words, env)


# -- the working directory a page assumes -------------------------------------------------------


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the pages' examples read besides the inventory, made once: the example shop database
    (`python -m catalog.dev.shop shop.db`, docs/scanning.md), a privacy notice saved as
    Markdown, text and HTML and a later HTML version (Mailjet's, bench/policies/mailjet/;
    docs/drafting.md), a revised Stefere policy and a CSV of named flows (docs/findings.md,
    docs/cli.md)."""
    from markdown_it import MarkdownIt

    from catalog.dev.shop import create_shop

    folder = tmp_path_factory.mktemp("docs-inputs")
    create_shop(str(folder / "shop.db"))
    notice = (REPO / "bench/policies/mailjet/policy.md").read_text(encoding="utf-8")
    (folder / "privacy.md").write_text(notice, encoding="utf-8")
    (folder / "privacy.txt").write_text(notice, encoding="utf-8")
    html = MarkdownIt().render(notice)
    page = "<!doctype html><html><head><title>Privacy</title></head><body>{}</body></html>"
    (folder / "privacy.html").write_text(page.format(html), encoding="utf-8")
    later = html.replace("</p>", "</p><p>We review this policy every year.</p>", 1)
    (folder / "privacy-2026.html").write_text(page.format(later), encoding="utf-8")
    policy = (REPO / "inventory/stefere-privacy-policy.txt").read_text(encoding="utf-8")
    revised = policy + "\nWe review this policy every year.\n"  # every cited sentence kept
    (folder / "new-policy.txt").write_text(revised, encoding="utf-8")
    (folder / "flows.csv").write_text(
        "category,recipient\npayment information,payment service providers\n"
        "e-mail address,marketing service providers\n",
        encoding="utf-8",
    )
    return folder


def _workspace(root: Path, inputs: Path) -> Path:
    """A working directory holding a copy of the shipped inventory and the inputs above."""
    shutil.copytree(inputs, root, dirs_exist_ok=True)
    shutil.copytree(
        REPO / "inventory", root / "inventory", ignore=shutil.ignore_patterns("__pycache__", "*.py")
    )
    return root


# -- the tests -------------------------------------------------------------------------------------


def test_the_readme_opens_with_the_two_commands() -> None:
    """CI (.ci/run runs `make test`) and users rely on the README's first block; the reference
    lives in docs/, so the README stays a front door."""
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# datamap"
    assert lines[2] == "```sh" and lines[5] == "```"
    assert lines[3].startswith("make run ") and lines[4].startswith("make test ")
    assert len(lines) <= 250, f"README.md has {len(lines)} lines: move reference text to docs/"


def test_every_docs_page_is_linked_from_the_readme() -> None:
    linked = {(REPO / target.split("#")[0]).resolve() for _, target in links(REPO / "README.md")}
    missing = [p.name for p in PAGES[1:] if p.resolve() not in linked]
    assert not missing, f"README.md does not link {missing}"


def test_every_relative_link_resolves() -> None:
    broken = []
    for page in PAGES:
        for number, target in links(page):
            if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: (not checked offline)
                continue
            path, _, anchor = target.partition("#")
            file = (page.parent / path).resolve() if path else page
            if not file.exists():
                broken.append(f"{page.relative_to(REPO)}:{number}: {target}: no such file")
            elif anchor and file.suffix == ".md" and anchor not in anchors(file):
                broken.append(f"{page.relative_to(REPO)}:{number}: {target}: no such heading")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("make run", "not a datamap command"),
        ("curl 127.0.0.1:8000/health", "not a datamap command"),
        ("datamap sync --verify", "needs Neo4j"),
        ('datamap who-receives "payment information" --store neo4j', "needs Neo4j"),
        ("datamap cypher --list", "needs Neo4j"),
        ("datamap serve --port 8000", "starts a server"),
        ("datamap scan postgresql://reader@db/shop --json", "needs a database"),
        ("datamap scan sqlite:///nowhere.db", "needs a database"),
        ("datamap scan --targets dbs.txt --jobs 4", "needs a database"),
        ("datamap review SYSTEM FIELD --accept", "a placeholder"),
        ("datamap list contexts|categories [-q TEXT]", "a placeholder"),
        ("datamap diff HEAD~1", "reads a git revision"),
        ("datamap diff v2025-review HEAD --format md -o changes.md", "reads a git revision"),
        ("datamap diff OLD NEW", "a placeholder"),
        ("datamap import fides manifests/", "imports a folder that is not there"),
        ("datamap scan sqlite:///shop.db", None),
        ('datamap review shop-db customers.email --accept --by "A. DPO"', None),
        ("datamap diff inventory", None),
    ],
)
def test_the_skip_rule(line: str, reason: str | None, tmp_path: Path) -> None:
    (tmp_path / "shop.db").touch()
    (tmp_path / "inventory").mkdir()
    words = shlex.split(line)
    assert skip_reason(words, {}, tmp_path) == reason


def test_every_offline_command_in_the_docs_runs(
    cli: Callable[..., Any], inputs: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each page in a working directory of its own (a copy of the inventory, as
    DATAMAP_INVENTORY, and the inputs), its commands run in process in the order shown."""
    ran: list[str] = []
    skipped: Counter[str] = Counter()
    failed: list[str] = []
    seen: set[str] = set()
    for page in PAGES:
        cwd = _workspace(tmp_path_factory.mktemp(f"docs-{page.stem}"), inputs)
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(cwd)
            patch.setenv("DATAMAP_INVENTORY", str(cwd / "inventory"))
            patch.setenv("COLUMNS", "100")
            for name in ("DATAMAP_STORE", "DATAMAP_RULES", "DATAMAP_TRACEBACK"):
                patch.delenv(name, raising=False)
            for item in shown(page):
                reason = skip_reason(item.argv, item.env, cwd)
                if reason is not None:
                    skipped[reason] += 1
                    continue
                for name, value in item.env.items():
                    patch.setenv(name, value)
                key = shlex.join(item.argv)
                seen.add(key)
                want = EXPECTED.get(key, 0)
                result = cli(*item.argv[1:])
                ran.append(f"{item.where}: {item.text}")
                if result.code != want:
                    said = (result.err or result.out).strip()[:400]
                    failed.append(
                        f"{item.where}: {item.text}\n  exit {result.code}, not {want}: {said}"
                    )
    print(f"\n{len(ran)} docs commands run; skipped: {dict(skipped)}")
    assert not failed, "\n".join(failed)
    assert not set(EXPECTED) - seen, "EXPECTED names a command no page shows"
    assert len(ran) >= 25, f"only {len(ran)} docs commands ran: the skip rule takes too much"
