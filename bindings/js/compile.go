package js

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
	"github.com/evanw/esbuild/pkg/api"
	"github.com/go-sourcemap/sourcemap"

	"github.com/b24run/b24run/bindings"
)

// SDKModule is the one module a script may import: the official SDK's
// package name, resolved to the built-in b24jssdk-compatible module so that
// examples from its documentation run unchanged.
const SDKModule = "@bitrix24/b24jssdk"

// Names used inside the bundle. The user's code runs inside an async
// function (for top-level await) whose one parameter carries the built-in
// module, so that no global is needed to reach it.
const (
	sdkParam       = "__b24run_sdk"
	entryNamespace = "b24run-entry"
	userNamespace  = "b24run-user"
	sdkNamespace   = "b24run-sdk"
	bundleBanner   = "(async function (" + sdkParam + ") {"
	bundleFooter   = "})"
)

// transpiled is a script after esbuild: plain JavaScript that goja parses,
// with an inline source map pointing back at the user's file.
type transpiled struct {
	code string
}

// transpile bundles one script with esbuild: it strips TypeScript, lowers
// what goja cannot parse (for await, async generators), resolves the
// built-in module and rejects every other import, and wraps the result in an
// async function so that top-level await works. The banner shifts the code
// by a line; the source map accounts for it.
//
// exports lists the names the built-in module exports; importing any other
// name is a compile error, as it would be in Node.
func transpile(filename string, src []byte, exports []string) (*transpiled, error) {
	loader := api.LoaderJS
	switch strings.ToLower(path.Ext(filename)) {
	case ".ts", ".mts", ".cts":
		loader = api.LoaderTS
	}
	contents := string(src)
	entry := "import " + jsString(filename) + ";\n"
	sdk := sdkModuleSource(exports)
	plugin := api.Plugin{Name: "b24run", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			switch {
			case a.Kind == api.ResolveEntryPoint:
				return api.OnResolveResult{Path: "entry", Namespace: entryNamespace}, nil
			case a.Namespace == entryNamespace:
				return api.OnResolveResult{Path: filename, Namespace: userNamespace}, nil
			case a.Path == SDKModule:
				return api.OnResolveResult{Path: SDKModule, Namespace: sdkNamespace}, nil
			}
			return api.OnResolveResult{Errors: []api.Message{{Text: fmt.Sprintf(
				"cannot import %q: scripts run without a file system or packages; the only module is %q", a.Path, SDKModule)}}}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: entryNamespace}, func(api.OnLoadArgs) (api.OnLoadResult, error) {
			return api.OnLoadResult{Contents: &entry, Loader: api.LoaderJS}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: userNamespace}, func(api.OnLoadArgs) (api.OnLoadResult, error) {
			return api.OnLoadResult{Contents: &contents, Loader: loader}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: sdkNamespace}, func(api.OnLoadArgs) (api.OnLoadResult, error) {
			return api.OnLoadResult{Contents: &sdk, Loader: api.LoaderJS}, nil
		})
	}}
	res := api.Build(api.BuildOptions{
		EntryPoints: []string{"entry"},
		Bundle:      true,
		Write:       false,
		Outfile:     "bundle.js",
		Format:      api.FormatESModule,
		Platform:    api.PlatformNeutral,
		Target:      api.ESNext,
		Supported: map[string]bool{
			// goja parses neither; esbuild lowers them to generators and promises.
			"async-generator": false,
			"for-await":       false,
			"dynamic-import":  false,
		},
		Sourcemap:      api.SourceMapExternal,
		SourcesContent: api.SourcesContentExclude,
		// Keep everything: an exported function may be a handler only
		// referenced through on().
		TreeShaking: api.TreeShakingFalse,
		Banner:      map[string]string{"js": bundleBanner},
		Footer:      map[string]string{"js": bundleFooter},
		Charset:     api.CharsetUTF8,
		LogLevel:    api.LogLevelSilent,
		Plugins:     []api.Plugin{plugin},
	})
	if len(res.Errors) > 0 {
		return nil, esbuildError(filename, res.Errors[0])
	}
	var code, srcMap []byte
	for _, f := range res.OutputFiles {
		if strings.HasSuffix(f.Path, ".map") {
			srcMap = f.Contents
		} else {
			code = f.Contents
		}
	}
	srcMap, err := renameSources(srcMap, filename)
	if err != nil {
		return nil, fmt.Errorf("transpile %s: source map: %w", filename, err)
	}
	js := string(code)
	if i := strings.LastIndex(js, "//# sourceMappingURL="); i >= 0 {
		js = js[:i]
	}
	if strings.Trim(mappingsOf(srcMap), ";") != "" {
		// A script of comments only has no mappings, which goja rejects.
		js += "\n//# sourceMappingURL=data:application/json;base64," + base64.StdEncoding.EncodeToString(srcMap) + "\n"
	}
	return &transpiled{code: js}, nil
}

// mappingsOf returns the "mappings" string of a source map.
func mappingsOf(srcMap []byte) string {
	var m struct {
		Mappings string `json:"mappings"`
	}
	_ = json.Unmarshal(srcMap, &m)
	return m.Mappings
}

// sdkModuleSource is the virtual module behind SDKModule: named exports read
// from the parameter of the bundle's wrapper function.
func sdkModuleSource(exports []string) string {
	var b strings.Builder
	for _, name := range exports {
		fmt.Fprintf(&b, "export const %s = %s.%s;\n", name, sdkParam, name)
	}
	fmt.Fprintf(&b, "export default %s;\n", sdkParam)
	return b.String()
}

// renameSources points the source map at the user's file by its own name
// (esbuild names it after the plugin namespace) and shifts its columns for
// goja (see shiftMappings). goja resolves source names relative to the
// program's name, so the base name is what makes a frame read
// "rules/deal.ts:4:8".
func renameSources(raw []byte, filename string) ([]byte, error) {
	return fixSourceMap(raw, func(name string) string {
		switch {
		case strings.HasPrefix(name, userNamespace+":"):
			return path.Base(filename)
		case strings.HasPrefix(name, sdkNamespace+":"):
			return "b24run:" + SDKModule
		}
		return "b24run:" + strings.TrimPrefix(name, entryNamespace+":")
	})
}

// esbuildError turns esbuild's first error into a CompileError at the
// user's line and column (esbuild counts columns in bytes from 0).
func esbuildError(filename string, m api.Message) error {
	ce := &bindings.CompileError{File: filename, Message: m.Text}
	if loc := m.Location; loc != nil {
		ce.Line = loc.Line
		col := min(loc.Column, len(loc.LineText))
		ce.Column = utf8.RuneCountInString(loc.LineText[:col]) + 1
	}
	return ce
}

// compileProgram parses transpiled code for goja. Source maps are read from
// the inline data URL only: goja would otherwise open any path a
// sourceMappingURL comment names.
func compileProgram(filename string, t *transpiled) (*goja.Program, error) {
	ast, err := parser.ParseFile(nil, filename, t.code, 0, parser.WithSourceMapLoader(refuseSourceMapFile))
	if err == nil {
		var prog *goja.Program
		if prog, err = goja.CompileAST(ast, false); err == nil {
			return prog, nil
		}
	}
	return nil, gojaCompileError(filename, t.code, err)
}

// refuseSourceMapFile is the parser's loader for source maps that are not
// inline: none is read.
func refuseSourceMapFile(string) ([]byte, error) { return nil, nil }

// gojaCompileError reports a syntax goja rejects although esbuild accepted
// it, at the user's position when the source map knows it.
func gojaCompileError(filename, code string, err error) error {
	ce := &bindings.CompileError{File: filename, Message: err.Error()}
	var line, col int
	var perr *parser.Error
	var plist parser.ErrorList
	var cerr *goja.CompilerSyntaxError
	switch {
	case errors.As(err, &plist) && len(plist) > 0:
		ce.Message, line, col = plist[0].Message, plist[0].Position.Line, plist[0].Position.Column
	case errors.As(err, &perr):
		ce.Message, line, col = perr.Message, perr.Position.Line, perr.Position.Column
	case errors.As(err, &cerr):
		ce.Message = cerr.Message
		if cerr.File != nil {
			p := cerr.File.Position(cerr.Offset)
			line, col = p.Line, p.Column
		}
	}
	ce.Line, ce.Column = mapPosition(code, line, col)
	if ce.Line == 0 {
		ce.Line, ce.Column = line, col
		ce.Message += " (in the transpiled code)"
	}
	return ce
}

// mapPosition maps a 1-based position in the transpiled code to the user's
// source through the inline source map; 0 when it cannot.
func mapPosition(code string, line, col int) (int, int) {
	const marker = "//# sourceMappingURL=data:application/json;base64,"
	i := strings.LastIndex(code, marker)
	if i < 0 || line <= 0 {
		return 0, 0
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(code[i+len(marker):]))
	if err != nil {
		return 0, 0
	}
	sm, err := sourcemap.Parse("", raw)
	if err != nil {
		return 0, 0
	}
	// The map's columns are shifted for goja: 1-based in, 1-based out.
	_, _, l, c, ok := sm.Source(line, col)
	if !ok {
		return 0, 0
	}
	return l, c
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
