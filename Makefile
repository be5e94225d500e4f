# fiscaldocs — make demo runs the main job on the bundled sample documents;
# make test runs the tests. Both install what they need first (make deps).

GO        ?= go
BIN       := bin/fiscaldocs
SHARED    ?= ../shared
FUZZTIME  ?= 30s
# Build without gse's embedded 580k-word dictionary, which fiscaldocs never
# loads (it uses its own domain dictionary): 32 MB smaller binary.
TAGS      := ne
# System packages the readers need, as command:package pairs (or
# /path:package for packages without a command); make deps apt-installs
# those that are missing. The PDF reader runs poppler's pdftotext, which
# needs poppler-data for CJK fonts without a ToUnicode map; the benchmark
# uses GNU time for peak RSS; the report's browser test loads it in
# headless Chromium with a Chinese font; .doc and .xls are read through
# LibreOffice's conversion to docx and xlsx; scanned pages through
# tesseract's OCR with its Simplified Chinese model. make cluster-test's
# private cluster keeps its replicas in step through ZooKeeper.
APT_NEEDS := pdftotext:poppler-utils pdfinfo:poppler-utils /usr/share/poppler/cMap:poppler-data /usr/bin/time:time \
	npm:npm clickhouse-server:clickhouse-server clickhouse-client:clickhouse-client \
	chromium:chromium /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc:fonts-noto-cjk \
	soffice:libreoffice-writer-nogui /usr/lib/libreoffice/program/libsclo.so:libreoffice-calc-nogui \
	tesseract:tesseract-ocr /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata:tesseract-ocr-chi-sim \
	/usr/share/java/zookeeper.jar:zookeeper
# The embedded store: chDB's libchdb.so, shipped in an npm package.
CHDB_VERSION := 26.7.3-stable.1
CHDB_SHA256  := 36ad4e999882821ef13cf2d0f52c93f48e6ee1b4498b35a201c23ce4b8d15bf5
CHDB_LIB     := /usr/local/lib/libchdb.so

.PHONY: all build deps chdb demo test cluster-test vet fuzz bench fixtures score score-gold clean

all: build

deps:
	@command -v $(GO) >/dev/null || { echo "make: Go 1.26 or newer is needed on PATH (https://go.dev/dl/, or /usr/local/go/bin)"; exit 1; }
	@missing=""; for need in $(APT_NEEDS); do what=$${need%%:*}; pkg=$${need#*:}; \
		case $$what in /*) [ -e $$what ] && continue;; *) command -v $$what >/dev/null && continue;; esac; \
		case " $$missing " in *" $$pkg "*) ;; *) missing="$$missing $$pkg";; esac; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q $$missing; \
		else sudo apt-get update -q && sudo apt-get install -y -q $$missing; fi; \
	fi

# libchdb.so (566 MB) from the npm package, checked against its SHA-256.
chdb: deps
	@if [ -f $(CHDB_LIB) ] && echo "$(CHDB_SHA256)  $(CHDB_LIB)" | sha256sum -c --status -; then exit 0; fi; \
	echo "fetching libchdb.so ($(CHDB_VERSION)) with npm pack"; \
	d=$$(mktemp -d) && cd $$d && npm pack --silent @chdb/lib-linux-x64-gnu@$(CHDB_VERSION) >/dev/null && \
	tar -xzf *.tgz package/libchdb.so && echo "$(CHDB_SHA256)  package/libchdb.so" | sha256sum -c --quiet - && \
	install -m 0644 package/libchdb.so $(CHDB_LIB) && cd / && rm -rf $$d

build: deps
	$(GO) build -tags $(TAGS) -o $(BIN) ./cmd/fiscaldocs

# The main job on the bundled samples, out of the box: testdata/seed (a
# real 2021 部门决算 in six formats, the docx made from the seed dump by
# testdata/mkseed) and testdata/samples (four real 部门预算公开表 of three
# 江苏省 departments, 2018–2019; testdata/samples.md). One file's facts and
# findings; everything ingested into the embedded store; the README's
# recipes 3 and 4 (the 2019 “三公” ranking, one department over two years)
# with fiscaldocs query; and the comparison drawn in out/report.html (the
# 2019 预算 of three departments) and out/report-jiesuan.html (the seed's
# 决算, the report's default kind). A re-run skips what is loaded. It ends
# with the command that serves the store in a browser.
DEMO_DOCS := testdata/seed testdata/samples
demo: build chdb
	$(BIN) extract testdata/samples/ob-js-rdbgt-2019-tables.pdf
	@mkdir -p out
	$(BIN) extract --json testdata/seed/panzhihua-npc-office-2021.docx > out/seed.json
	@echo "JSON facts written to out/seed.json"
	$(BIN) ingest --data out/store $(DEMO_DOCS)
	$(BIN) query --data out/store "SELECT department_name AS department, year, kind, max(value) / 10000 AS three_public_wan FROM fiscaldocs.v_facts WHERE metric = 'three_public.total' AND measure = 'amount' AND subject = '' AND year = 2019 GROUP BY department_id, department, year, kind ORDER BY three_public_wan DESC"
	$(BIN) query --data out/store "SELECT year, kind, if(countIf(metric = 'gpb.expenditure') = 0, NULL, maxIf(value, metric = 'gpb.expenditure') / 10000) AS gpb_wan, if(countIf(metric = 'three_public.total') = 0, NULL, maxIf(value, metric = 'three_public.total') / 10000) AS three_public_wan, if(countIf(metric = 'operating_expense') = 0, NULL, maxIf(value, metric = 'operating_expense') / 10000) AS operating_wan FROM fiscaldocs.v_facts WHERE department_name = '中共江苏省委办公厅' AND measure = 'amount' AND subject = '' GROUP BY year, kind ORDER BY year, kind"
	$(BIN) report --data out/store --kind 预算 --out out/report.html
	$(BIN) report --data out/store --out out/report-jiesuan.html
	@echo "To browse the store, each figure on its page: $(BIN) serve --data out/store --docs testdata   (then open http://127.0.0.1:8080/)"

# go vet, and gofmt: checked before the tests (make test).
vet: deps
	$(GO) vet -tags $(TAGS) ./...
	@bad=$$(gofmt -l .); if [ -n "$$bad" ]; then echo "make: these files need gofmt -w:"; echo "$$bad"; exit 1; fi

# Unit, golden and in-process CLI tests, with the race detector; fuzz
# targets run their seed corpora. Tests that need ../shared skip without it.
# The store tests run on embedded chDB and on a private ClickHouse server
# started for the run; both are required here. cmd/fiscaldocs's end-to-end
# tests (the browser's among them) take longer than go test's default
# 10 minutes under the race detector on a shared 2-core machine.
test: vet chdb
	FISCALDOCS_REQUIRE_TOOLS=1 scripts/with-clickhouse.sh $(GO) test -tags $(TAGS) -race -count=1 -timeout 30m ./... ./testdata/mkreports

# The cluster store's tests (cmd/fiscaldocs/cluster_test.go) on a private
# cluster of 2 shards × 2 replicas and ZooKeeper, all on loopback
# (scripts/cluster.sh): the same answers as chDB, a second ingest adding
# nothing, a replica killed mid-ingest and caught up, a shard down. About
# two minutes; make test skips them.
cluster-test: build chdb
	FISCALDOCS_REQUIRE_TOOLS=1 scripts/with-cluster.sh $(GO) test -tags $(TAGS) -count=1 -run 'TestCluster' -v ./cmd/fiscaldocs

fuzz: deps
	$(GO) test -tags $(TAGS) -run XXX -fuzz '^FuzzDocx$$' -fuzztime $(FUZZTIME) ./extract
	$(GO) test -tags $(TAGS) -run XXX -fuzz '^FuzzText$$' -fuzztime $(FUZZTIME) ./extract
	$(GO) test -tags $(TAGS) -run XXX -fuzz '^FuzzHTML$$' -fuzztime $(FUZZTIME) ./extract
	$(GO) test -tags $(TAGS) -run XXX -fuzz '^FuzzPDFLayout$$' -fuzztime $(FUZZTIME) ./extract
	$(GO) test -tags $(TAGS) -run XXX -fuzz '^FuzzXlsx$$' -fuzztime $(FUZZTIME) ./extract
	$(GO) test -tags $(TAGS) -run XXX -fuzz '^FuzzParseNumber$$' -fuzztime $(FUZZTIME) ./normalize
	$(GO) test -tags $(TAGS) -run XXX -fuzz '^FuzzNarrative$$' -fuzztime $(FUZZTIME) ./normalize

# Go benchmarks (loading: rows/s into chDB and a private server; the PDF
# layout per page from 10 to 2,000 pages and normalize per KB of one
# sentence from 1 KB to 10 MB, both flat; the xlsx formula chain), then the
# end-to-end run over the shared corpus's PDFs next to pdftotext -layout on
# the same files, and ingest's time and peak RSS into each store.
bench: build chdb
	scripts/with-clickhouse.sh sh -c '$(GO) test -tags $(TAGS) -run XXX -bench . -benchmem ./... && scripts/bench.sh $(BIN) $(SHARED)/corpus/pdf'

# The scale benchmark (issue #19, load/scale_test.go): SCALE_DOCS
# documents' rows made directly, about 150 facts each, loaded into one
# private server and into the private cluster; the load rate, the disk
# bytes per fact after merges, and the common comparisons through the
# views against the raw tables. docs/scale.md has the numbers.
SCALE_DOCS ?= 100000
.PHONY: bench-scale
bench-scale: build
	FISCALDOCS_SCALE_DOCS=$(SCALE_DOCS) scripts/with-clickhouse.sh scripts/with-cluster.sh \
		$(GO) test -tags $(TAGS) -run XXX -bench BenchmarkScale -benchtime 1x -timeout 3h ./load

# Remake the docx fixture from the seed dump in the shared corpus.
fixtures:
	$(GO) run ./testdata/mkseed -seed $(SHARED)/corpus/seed/panzhihua-npc-office-2021-final-accounts.txt -out testdata/seed/panzhihua-npc-office-2021.docx
	$(GO) run ./testdata/mkpublished -docx testdata/seed/panzhihua-npc-office-2021.docx \
		-html testdata/seed/panzhihua-npc-office-2021.html -xlsx testdata/seed/panzhihua-npc-office-2021.xlsx
	cd testdata/seed && p=$$(mktemp -d) && \
	soffice --headless --norestore -env:UserInstallation=file://$$p --convert-to doc panzhihua-npc-office-2021.docx && \
	soffice --headless --norestore -env:UserInstallation=file://$$p --convert-to xls panzhihua-npc-office-2021.xlsx && rm -rf $$p
	# The scan: the web page printed by Chromium; its pages 5 and 6 hold
	# the 支出决算明细表 and the sentences around it.
	p=$$(mktemp -d) && chromium --headless --no-sandbox --disable-gpu --user-data-dir=$$p/profile --no-pdf-header-footer \
		--print-to-pdf=$$p/web.pdf file://$(CURDIR)/testdata/seed/panzhihua-npc-office-2021.html 2>/dev/null && \
	$(GO) run ./testdata/mkscan -in $$p/web.pdf -pages 5,6 -dpi 200 -out testdata/seed/panzhihua-npc-office-2021-scan.pdf && rm -rf $$p

# Score the seed text against its gold file with the shared scorer.
score: build
	@d=$$(mktemp -d); g=$$(mktemp -d); cp $(SHARED)/gold/seed-panzhihua-npc-office-2021.json $$g/; \
	$(BIN) extract --json $(SHARED)/corpus/seed/panzhihua-npc-office-2021-final-accounts.txt > $$d/seed.json; \
	$(SHARED)/tools/score --gold $$g --pred $$d

# Score every corpus file that a dev gold file names.
score-gold: build
	@d=$$(mktemp -d); \
	for g in $(SHARED)/gold/*.json; do \
		f=$$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["file"])' $$g); \
		[ -f $(SHARED)/corpus/$$f ] || f=$$(cd $(SHARED)/corpus && find . -name "$$(basename $$f)" | head -1); \
		$(BIN) extract --json $(SHARED)/corpus/$$f > $$d/$$(basename $$g) 2>/dev/null || true; \
	done; \
	$(SHARED)/tools/score --gold $(SHARED)/gold --pred $$d

clean:
	rm -rf bin out

# Synthetic reports with exact truth (testdata/mkreports, docs/synth.md):
# N documents from SEED, each as html, pdf, docx and txt, into $(SYNTH);
# INJECT=1 plants 1–3 inconsistencies per document (into out/synth-inject).
N      ?= 200
SEED   ?= 1
INJECT ?=
SYNTH  ?= out/synth$(if $(INJECT),-inject)
# What made $(SYNTH): the parameters and the generator's committed tree.
SYNTH_PARAMS = $(N) $(SEED) $(INJECT) $(shell git rev-parse -q HEAD:testdata/mkreports 2>/dev/null)
.PHONY: synth score-synth
synth:
	rm -rf $(SYNTH)
	$(GO) run ./testdata/mkreports -n $(N) -seed $(SEED) -out $(SYNTH) $(if $(INJECT),-inject)
	@echo "$(SYNTH_PARAMS)" > $(SYNTH)/.params

# Score the reader on the synthetic reports (made first unless $(SYNTH)
# already holds this N, SEED and INJECT from this generator): recall and precision overall,
# by style, format and unit; error findings on clean files; injected kinds
# caught; the worst keys.
score-synth: build
	@[ "$$(cat $(SYNTH)/.params 2>/dev/null)" = "$(SYNTH_PARAMS)" ] || $(MAKE) --no-print-directory synth N=$(N) SEED=$(SEED) INJECT=$(INJECT)
	$(GO) run ./testdata/mkreports score -bin $(BIN) -dir $(SYNTH) -shared $(SHARED)
