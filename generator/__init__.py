"""Research-record site generator: stored JSON records → Markdown → MkDocs site.

The pipeline, one module per stage: ``load`` (read and validate files into ``models``) →
``views`` (compute every displayed value) → ``render`` (Jinja2 templates to Markdown) →
``write`` (only changed bytes) → ``build`` (the story, then MkDocs).
"""

__version__ = "0.1.0"
