// Package web is fiscaldocs serve: a local web app to browse the store,
// compare departments and check every figure where the department printed
// it. It is the top of the data flow beside analysis, whose queries and
// charts it draws: departments with facets, a department over the years,
// a document's facts and findings, a fact on its rendered page (pdftoppm,
// the figure's box from the facts table highlighted), comparisons,
// findings, and read-only SQL. Every table downloads as CSV and JSON.
//
// Pages are drawn by html/template, which escapes every value; the CSS is
// embedded and nothing is fetched from elsewhere. No part of a URL reaches
// the file system but a document id the store knows and a page number.
//
// A Server is safe for concurrent use by net/http's goroutines, as its
// store must be (load.Shared, load.Server); it starts none of its own.
package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"

	"github.com/fiscaldocs/fiscaldocs/analysis"
	"github.com/fiscaldocs/fiscaldocs/load"
)

//go:embed templates/*.html static/*
var files embed.FS

// Options configure a Server.
type Options struct {
	Store analysis.Querier
	// Docs are folders to look for a document's file under when it is no
	// longer where it was ingested from.
	Docs []string
	// Cache is the folder rendered pages are kept in.
	Cache string
	// Rows is the most rows the SQL page shows (the store's own limit
	// should be the same); Timeout, how long a page's queries may take.
	Rows    int
	Timeout time.Duration
	Log     *log.Logger // errors; nil for none
}

// Server serves the pages.
type Server struct {
	opt     Options
	mux     *http.ServeMux
	tmpl    *template.Template
	sources *sources
	pages   *pages
}

// New makes a Server.
func New(opt Options) (*Server, error) {
	if opt.Rows <= 0 {
		opt.Rows = 1000
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	t, err := analysis.AddCharts(template.New("web").Funcs(analysis.ChartFuncs).Funcs(funcs))
	if err != nil {
		return nil, err
	}
	if t, err = t.ParseFS(files, "templates/*.html"); err != nil {
		return nil, err
	}
	s := &Server{opt: opt, mux: http.NewServeMux(), tmpl: t, sources: &sources{dirs: opt.Docs}, pages: &pages{dir: opt.Cache}}
	static, err := fs.Sub(files, "static")
	if err != nil {
		return nil, err
	}
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServer(http.FS(static))))
	s.mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/departments", http.StatusFound) })
	s.handle("GET /departments", s.departments)
	s.handle("GET /department/{key}", s.department)
	s.handle("GET /document/{id}", s.document)
	s.handle("GET /fact/{id}/{seq}", s.fact)
	s.mux.HandleFunc("GET /fact/{id}/{seq}/{image}", s.factImage)
	s.handle("GET /compare", s.compare)
	s.handle("GET /findings", s.findings)
	s.handle("GET /sql", s.sql)
	return s, nil
}

var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
}

// ServeHTTP serves the app, with headers that keep the pages to themselves:
// no script, style or image from elsewhere, no framing.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	s.mux.ServeHTTP(w, r)
}

// page is what a page template draws.
type page struct {
	Title, Nav, Intro string
	Meta              [][2]string // label, value
	Links             []Cell      // shown under the title
	Facets            []facetGroup
	Form              string // which form: departments, compare, sql
	Values            url.Values
	Options           map[string][]option
	Charts            []*analysis.Chart
	Tables            []*Table
	Fact              *factView
	Error             string
	Refresh           bool // reload in a few seconds: the store is busy
}

type facetGroup struct {
	Name, Label string
	Values      []facetValue
}

type facetValue struct {
	Value, Href string
	Count       int
	On          bool
}

type option struct {
	Value, Label string
	On           bool
}

// statusError is an error with the HTTP status it answers with.
type statusError struct {
	code int
	msg  string
}

func (e *statusError) Error() string { return e.msg }

func notFound(format string, a ...any) error {
	return &statusError{http.StatusNotFound, fmt.Sprintf(format, a...)}
}
func badRequest(format string, a ...any) error {
	return &statusError{http.StatusBadRequest, fmt.Sprintf(format, a...)}
}

// handle serves a page built by build, or one of its tables as CSV or
// JSON when the URL asks (?format=csv|json&table=NAME).
func (s *Server) handle(pattern string, build func(ctx context.Context, r *http.Request) (*page, error)) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout)
		defer cancel()
		p, err := build(ctx, r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		downloads(r.URL, p.Tables)
		if f := r.URL.Query().Get("format"); f != "" {
			s.download(w, r, p, f)
			return
		}
		s.draw(w, http.StatusOK, p)
	})
}

func (s *Server) download(w http.ResponseWriter, r *http.Request, p *page, format string) {
	name := r.URL.Query().Get("table")
	for _, t := range p.Tables {
		if t.Name != name && name != "" {
			continue
		}
		var err error
		switch format {
		case "csv":
			err = t.writeCSV(w)
		case "json":
			err = t.writeJSON(w)
		default:
			s.fail(w, r, badRequest("format %q: csv or json", format))
			return
		}
		if err != nil && !gone(err) {
			s.logf("%s: %v", r.URL, err)
		}
		return
	}
	s.fail(w, r, notFound("no table %q on this page", name))
}

func (s *Server) draw(w http.ResponseWriter, code int, p *page) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	if err := s.tmpl.ExecuteTemplate(w, "page.html", p); err != nil && !gone(err) {
		s.logf("draw %s: %v", p.Title, err)
	}
}

// fail answers with a page that says what went wrong.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := http.StatusInternalServerError
	var se *statusError
	p := &page{Title: "出错了", Error: err.Error()}
	switch {
	case errors.As(err, &se):
		code = se.code
	case errors.Is(err, load.ErrBusy):
		code, p.Title, p.Refresh = http.StatusServiceUnavailable, "数据库正在更新", true
		p.Error = "另一个进程（ingest / crawl --ingest）正在写入数据库；本页几秒后自动刷新。"
	case errors.Is(err, context.DeadlineExceeded):
		code, p.Error = http.StatusGatewayTimeout, "查询超时："+err.Error()
	default:
		s.logf("%s: %v", r.URL, err)
	}
	s.draw(w, code, p)
}

// gone reports whether a write failed because the browser left: nothing
// to log.
func gone(err error) bool { return errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET) }

func (s *Server) logf(format string, a ...any) {
	if s.opt.Log != nil {
		s.opt.Log.Printf(format, a...)
	}
}

// href builds a path with a query.
func href(path string, q url.Values) string {
	u := url.URL{Path: path, RawQuery: q.Encode()}
	return u.String()
}

// atoi reads an optional whole-number parameter.
func atoi(r *http.Request, name string) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, badRequest("%s=%q is not a whole number", name, v)
	}
	return n, nil
}
