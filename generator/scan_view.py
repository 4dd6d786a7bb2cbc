"""Everything a scan page shows, computed from one scan and its cross-links. Templates only lay it out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.derive import arxiv_key, short_id
from generator.headings import Heading, Headings
from generator.links import anchor, page_url, record_path, to_root
from generator.models.record import SynthesisRecord
from generator.models.scan import MODULE_CATEGORIES, CitedPaper, EngagementFactors, HnData, PaperScan, RedFlag
from generator.scan_links import PublishedScan
from generator.scores import TYPE_CHECKLIST, CategoryScore, Tally, scan_score, scored_categories
from generator.text import Md, html_paragraphs, inline, p_elements, title_front_matter, url

PREFIX = to_root("scans/page.md")  # HTML links in a scan page are relative to its URL, scans/<id>/
NOT_APPLICABLE = "n/a"
NONE_STORED = Md("<em>not recorded</em>")
MARKS = {"yes": "✔", "no": "✘", "na": NOT_APPLICABLE}


@dataclass(frozen=True)
class Row:
    label: str
    value: Md


@dataclass(frozen=True)
class ItemRow:
    label: Md
    state: str  # yes | no | na
    mark: str
    justification: Md


@dataclass(frozen=True)
class CategoryView:
    heading: Heading
    label: Md
    score: str
    yes: int
    applicable: int
    not_applicable: int
    status: str  # scored | module | inactive
    status_label: str
    items: tuple[ItemRow, ...]


@dataclass(frozen=True)
class ClaimRow:
    claim: Md
    evidence: Md
    supported: Md


@dataclass(frozen=True)
class AttentionRow:
    factor: Md
    score: str
    justification: Md


@dataclass(frozen=True)
class ScanHeadings:
    """The page's fixed headings (its checklist categories carry their own)."""

    score: Heading
    key_findings: Heading
    checklist: Heading
    claims: Heading
    red_flags: Heading
    cited_papers: Heading
    cited_by: Heading
    attention: Heading


@dataclass(frozen=True)
class ScanView:
    """A scan page, as HTML pieces in document order; ``toc`` declares its headings."""

    front_matter: str  # the page's title for <title> and the header (generator.text.title_front_matter)
    badge: Md | None
    title: Heading
    headings: ScanHeadings
    toc: str
    demonstration: bool
    header: tuple[Row, ...]
    overall: str
    overall_detail: str
    scoring_link: Md
    categories: tuple[CategoryView, ...]
    key_findings: Md
    claims: tuple[ClaimRow, ...]
    red_flags: tuple[Md, ...]
    cited_papers: tuple[Md, ...]
    cited_by: tuple[Md, ...]
    attention: tuple[AttentionRow, ...] | None
    hacker_news: Md | None


def humanize(key: str) -> Md:
    """``conflicts_of_interest`` → "Conflicts of interest" (escaped: keys come from the file)."""
    words = key.replace("_", " ").strip()
    return inline(words[:1].upper() + words[1:])


def score_text(tally: Tally) -> str:
    """``18/54 (33%)``, or ``n/a`` when no item applies."""
    return NOT_APPLICABLE if tally.percent is None else f"{tally.yes}/{tally.applicable} ({tally.percent}%)"


def category_status(score: CategoryScore) -> tuple[str, str]:
    if not score.scored:
        return "inactive", "inactive module, not scored"
    return ("module", "active module") if score.name in MODULE_CATEGORIES else ("scored", "scored")


def _category_label(name: str, scan: PaperScan) -> Md:
    if name == TYPE_CHECKLIST:
        return Md(f"Paper-type checklist ({inline(scan.paper_type or 'type not recorded')})")
    return humanize(name)


def _categories(scan: PaperScan, headings: Headings) -> tuple[CategoryView, ...]:
    views = []
    scores = scan_score(scan).categories
    for score, (name, items) in zip(scores, scored_categories(scan), strict=True):
        rows = []
        for key, item in items.items():
            state = "na" if not item.applies else ("yes" if item.answer else "no")
            note = f"{item.justification} (Source: {item.source})" if item.source else item.justification
            rows.append(ItemRow(humanize(key), state, MARKS[state], inline(note)))
        status, status_label = category_status(score)
        t = score.tally
        label = _category_label(name, scan)
        heading = headings.add(3, Md(f"{label} — {score_text(t)}"))
        views.append(
            CategoryView(
                heading, label, score_text(t), t.yes, t.applicable, t.not_applicable, status, status_label, tuple(rows)
            )
        )
    return tuple(views)


def arxiv_link(identifier: str) -> Md:
    return anchor(url("https://arxiv.org/abs/" + identifier), Md(f"arXiv:{inline(identifier)}"))


def _header(scan: PaperScan) -> tuple[Row, ...]:
    paper = scan.paper
    rows = [Row("Authors", inline(", ".join(paper.authors)) if paper.authors else NONE_STORED)]
    rows.append(Row("Year", Md(str(paper.year)) if paper.year else NONE_STORED))
    rows.append(Row("Venue", inline(paper.venue) if paper.venue else NONE_STORED))
    rows.append(Row("arXiv", arxiv_link(paper.arxiv_id) if paper.arxiv_id else NONE_STORED))
    doi = anchor(url("https://doi.org/" + paper.doi), inline(paper.doi)) if paper.doi else NONE_STORED
    rows.append(Row("DOI", doi))
    version = str(scan.scan_version) if scan.scan_version is not None else "1 (no scan_version stored)"
    rows.append(Row("Scan version", Md(version)))
    if scan.paper_type:
        rows.append(Row("Paper type", inline(scan.paper_type)))
    modules = scan.active_modules
    rows.append(Row("Active modules", inline(", ".join(modules) or "none") if modules is not None else NONE_STORED))
    rows.append(
        Row("Methodology tags", inline(", ".join(scan.methodology_tags)) if scan.methodology_tags else Md("none"))
    )
    return tuple(rows)


def cited_paper_item(paper: CitedPaper, targets: Mapping[str, str]) -> Md:
    """A cited paper; linked to its own scan when this site has one."""
    parts = [f"<em>{inline(paper.title)}</em>"]
    byline = " ".join([", ".join(paper.authors), f"({paper.year})" if paper.year else ""]).strip()
    if byline:
        parts.append(inline(byline))
    if paper.arxiv_id:
        parts.append(arxiv_link(paper.arxiv_id))
        target = targets.get(arxiv_key(paper.arxiv_id))
        if target:
            parts.append(anchor(PREFIX + page_url(target), Md("methodology scan"), "scan-link"))
    text = " · ".join(parts)
    return Md(f"{text} — {inline(paper.relevance)}" if paper.relevance else text)


def red_flag_item(flag: RedFlag) -> Md:
    strong = f"<strong>{inline(flag.flag)}</strong>"
    return Md(f"{strong} — {inline(flag.detail)}" if flag.detail else strong)


def cited_by_item(record: SynthesisRecord) -> Md:
    link = anchor(PREFIX + page_url(record_path(record.id)), Md(short_id(record.id)), "cited-by")
    return Md(f"{link} — <em>{inline(record.title)}</em>")


def _attention(factors: EngagementFactors | None) -> tuple[AttentionRow, ...] | None:
    if factors is None:
        return None
    found = [(name, getattr(factors, name)) for name in type(factors).model_fields]
    return tuple(
        AttentionRow(humanize(name), str(f.score), inline(f.justification or "")) for name, f in found if f is not None
    )


def _hacker_news(hn: HnData | None) -> Md | None:
    if hn is None:
        return None
    parts = [
        f"{hn.points} points" if hn.points is not None else "",
        f"{hn.comments} comments" if hn.comments is not None else "",
    ]
    text = inline(" · ".join(p for p in parts if p) or "discussed")
    return Md(f"{text} · {anchor(url(hn.url), Md('discussion'))}") if hn.url else text


# Ids the page gives headings itself (`{ #id }` in Markdown), reserved before the others take theirs.
FIXED_IDS = ("methodology-score", "checklist", "claims", "red-flags", "cited-papers", "cited-by", "attention")


def scan_view(
    published: PublishedScan, targets: Mapping[str, str], cited_by: Sequence[SynthesisRecord] = ()
) -> ScanView:
    """The page of one scan. ``targets`` maps arXiv keys to scan pages; ``cited_by`` lists citing records."""
    scan = published.scan
    overall = scan_score(scan).overall
    headings = Headings(FIXED_IDS)
    title = headings.add(1, inline(scan.paper.title))
    score_heading = headings.add(2, Md("Methodology score"), "methodology-score")
    findings_heading = headings.add(2, Md("Key findings"))
    checklist_heading = headings.add(2, Md("Checklist"), "checklist")
    categories = _categories(scan, headings)
    fixed = ScanHeadings(
        score=score_heading,
        key_findings=findings_heading,
        checklist=checklist_heading,
        claims=headings.add(2, Md("Claims"), "claims"),
        red_flags=headings.add(2, Md("Red flags"), "red-flags"),
        cited_papers=headings.add(2, Md("Cited papers"), "cited-papers"),
        cited_by=headings.add(2, Md("Cited by"), "cited-by"),
        attention=headings.add(2, Md("Attention, not quality"), "attention"),
    )
    return ScanView(
        badge=inline(f"arXiv:{scan.paper.arxiv_id}") if scan.paper.arxiv_id else None,
        front_matter=title_front_matter(scan.paper.title),
        title=title,
        headings=fixed,
        toc=headings.toc_line(),
        demonstration=scan.demonstration,
        header=_header(scan),
        overall=score_text(overall),
        overall_detail=f"{overall.yes} yes of {overall.applicable} applicable items; {overall.not_applicable} n/a",
        scoring_link=anchor(PREFIX + page_url("methodology.md") + "#paper-scans", Md("how scans are scored")),
        categories=categories,
        key_findings=html_paragraphs(scan.key_findings) if scan.key_findings else p_elements([NONE_STORED]),
        claims=tuple(ClaimRow(inline(c.claim), inline(c.evidence or ""), inline(c.supported)) for c in scan.claims),
        red_flags=tuple(red_flag_item(f) for f in scan.red_flags),
        cited_papers=tuple(cited_paper_item(p, targets) for p in scan.cited_papers),
        cited_by=tuple(cited_by_item(r) for r in cited_by),
        attention=_attention(scan.engagement_factors),
        hacker_news=_hacker_news(scan.hn_data),
    )
