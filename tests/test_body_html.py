"""A report body's HTML is what Python-Markdown, with the site's extensions, makes of it.

``generator.body_html`` converts with fewer inline patterns than MkDocs would, and writes bodies
of plain prose directly; each test converts the same inert bodies with a full Python-Markdown
configured from ``mkdocs.yml`` and compares.
"""

from __future__ import annotations

import json
import random

import markdown
import pytest
from mkdocs.config import load_config

from generator.body_html import EXTENSIONS, body_html, plain_paragraphs
from generator.load import load_records
from generator.text import markdown_body
from tests.helpers import ROOT
from tests.hostile_payloads import payloads


@pytest.fixture(scope="module")
def full() -> markdown.Markdown:
    """Python-Markdown as MkDocs converts a page, less ``toc`` and the generator's HTML blocks."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    extensions = [e for e in config.markdown_extensions if e not in ("toc", "generator.html_blocks")]
    assert tuple(extensions) == EXTENSIONS  # as MkDocs converted bodies when it parsed record pages
    return markdown.Markdown(extensions=extensions, extension_configs=config.mdx_configs)


def test_a_body_converts_as_python_markdown_converts_it_with_the_site_s_extensions(full: markdown.Markdown) -> None:
    """The converter leaves out the inline patterns a body cannot trigger; the HTML is the same."""
    words = ["claim", "*em*", "**strong**", "`code`", "a_b", "x < y & z", "[link](http://x)", "<b>", "\\\\", "&amp;"]
    words += ["<https://example.org>", "![img](x.png)", "[ref][1]", "h2o", "1.", "-", "|", "!!!", "  \n", "\n\n"]
    words += ["\n```\n", "\n~~~python\n", "\n    indented\n"]
    rng = random.Random(6)
    bodies = [" ".join(rng.choice(words) for _ in range(40)) for _ in range(200)]
    bodies += [*payloads(), "- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |", json.dumps(words)]
    for body in bodies:
        inert = markdown_body(body)
        assert body_html(inert) == full.reset().convert(inert), body


# Prose, and one of everything that could make a body more than prose: block syntax at a line
# start, inline syntax, characters an inert body escapes, trailing and odd whitespace.
PROSE = ["claim", "Größe", "中文", "١٢", "11", "2.0/10", "(a)", '"q"', "x:", "a-b", "e.g.", "50%", "$5", "a^b", "~x"]
SEPARATORS = [" "] * 20 + ["\n", "\n\n", "\n\n\n"]
EDGES = ["\n1. a", "\n2) a", "\n# a", "\n!!! note", "\n> a", "\n- a", "\n+ a", "\n* a", "\n===", "\n---", "\n: a"]
EDGES += ["\n```\na\n```", "\n~~~\na\n~~~", "\n    a", "\n\ta", "\n a", "a\tb", "*a*", "**a**", "`a`", "_a_", "a\\*"]
EDGES += ["a  \nb", "a \nb", "a\u00a0\nb", "\u3000a", "\x85", "&", "<b>", "[a](b)", "{: #a}", "a | b\n--- | ---"]


def test_plain_prose_is_written_directly_and_as_python_markdown_writes_it(full: markdown.Markdown) -> None:
    """Prose bodies, most with one edge put in somewhere: whichever way each goes, the HTML is the same.

    The count of direct ones keeps the test from passing with every body sent to Python-Markdown.
    """
    rng = random.Random(11)
    direct = 0
    for _ in range(3000):
        parts = [rng.choice(PROSE) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 30))]
        if rng.random() < 0.8:
            parts.insert(rng.randint(0, len(parts)), rng.choice(EDGES) + rng.choice(SEPARATORS))
        inert = markdown_body("".join(parts))
        direct += plain_paragraphs(inert) is not None
        assert body_html(inert) == full.reset().convert(inert), inert
    assert direct > 400


def test_the_real_publisher_s_report_sections_are_plain_prose() -> None:
    """The records copied from the real publisher take the direct path (every section of them)."""
    corpus = load_records(ROOT)
    real = [r.model() for r in corpus.records if not r.listing.demonstration]
    sections = [s for record in real if record.report for s in record.report.sections]
    assert sections
    for section in sections:
        assert plain_paragraphs(markdown_body(section.body)) is not None, section.body
