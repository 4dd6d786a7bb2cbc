-- Convert many reports in one pandoc run (``pandoc lua convert.lua TEMPLATE.typst``).
-- stdin: a JSON array of {"metadata": <YAML/JSON text>, "source": <Markdown>}.
-- stdout: a JSON array of {"typst": ..., "jats": ...}, in input order.
-- Each document is read and written exactly as ``pandoc --standalone --wrap=none
-- --metadata-file=...`` would: metadata comes only from "metadata", never from the source text.
local INPUT = 'markdown-smart-yaml_metadata_block'
local METADATA = 'markdown-smart'

local function read_file(path)
  local handle = assert(io.open(path, 'rb'))
  local text = handle:read('a')
  handle:close()
  return text
end

local typst_template = pandoc.template.compile(read_file(arg[1]))
local jats_template = pandoc.template.compile(pandoc.template.default('jats'))

local function convert(job)
  local doc = pandoc.read(job.source, INPUT)
  doc.meta = pandoc.read('---\n' .. job.metadata .. '\n---\n', METADATA).meta
  return {
    typst = pandoc.write(doc, 'typst', { wrap_text = 'wrap-none', template = typst_template }),
    jats = pandoc.write(doc, 'jats', { wrap_text = 'wrap-none', template = jats_template }),
  }
end

local results = {}
for index, job in ipairs(pandoc.json.decode(io.read('a'), false)) do
  results[index] = convert(job)
end
io.write(pandoc.json.encode(results))
