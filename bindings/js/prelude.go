package js

import (
	"embed"
	"encoding/base64"
	"fmt"
	"path"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
	"github.com/evanw/esbuild/pkg/api"
)

// preludeFS holds the JavaScript half of the runtime: the SDK classes, the
// console formatter and the globals. It is bundled by esbuild, like user
// scripts, and compiled once per Language.
//
//go:embed prelude/*.js
var preludeFS embed.FS

const (
	preludeNamespace = "b24run-prelude"
	preludeOutParam  = "__b24run_out"
)

// sdkExports are the names import ... from '@bitrix24/b24jssdk' may bind:
// the keys of the sdk object in prelude/index.js. A test keeps the two in
// step; a script importing any other name fails to compile.
var sdkExports = []string{
	"B24Hook", "Result", "AjaxResult", "AjaxError", "SdkError",
	"ApiVersion", "EnumCrmEntityType", "EnumCrmEntityTypeId", "EnumCrmEntityTypeShort",
	"LogLevel", "Logger", "NullLogger", "LoggerFactory", "ConsoleHandler", "ConsoleV2Handler", "LineFormatter",
	"ParamsFactory", "Text",
}

// compilePrelude bundles prelude/index.js into one function expression
// (native, out) => void and compiles it for goja.
func compilePrelude() (*goja.Program, error) {
	plugin := api.Plugin{Name: "b24run-prelude", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			name := path.Clean(path.Join("prelude", path.Dir(strings.TrimPrefix(a.Importer, "prelude/")), a.Path))
			if a.Kind == api.ResolveEntryPoint {
				name = path.Clean(a.Path)
			}
			return api.OnResolveResult{Path: name, Namespace: preludeNamespace}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: preludeNamespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			src, err := preludeFS.ReadFile(a.Path)
			if err != nil {
				return api.OnLoadResult{}, err
			}
			s := string(src)
			return api.OnLoadResult{Contents: &s, Loader: api.LoaderJS}, nil
		})
	}}
	res := api.Build(api.BuildOptions{
		EntryPoints:    []string{"prelude/index.js"},
		Bundle:         true,
		Write:          false,
		Outfile:        "prelude.js",
		Format:         api.FormatESModule,
		Platform:       api.PlatformNeutral,
		Target:         api.ESNext,
		Supported:      map[string]bool{"async-generator": false, "for-await": false},
		Sourcemap:      api.SourceMapExternal,
		SourcesContent: api.SourcesContentExclude,
		Banner:         map[string]string{"js": "(function (native, " + preludeOutParam + ") {"},
		Footer:         map[string]string{"js": "})"},
		LogLevel:       api.LogLevelSilent,
		Plugins:        []api.Plugin{plugin},
	})
	if len(res.Errors) > 0 {
		m := res.Errors[0]
		if m.Location != nil {
			return nil, fmt.Errorf("prelude: %s:%d:%d: %s", m.Location.File, m.Location.Line, m.Location.Column+1, m.Text)
		}
		return nil, fmt.Errorf("prelude: %s", m.Text)
	}
	var code, srcMap []byte
	for _, f := range res.OutputFiles {
		if strings.HasSuffix(f.Path, ".map") {
			srcMap = f.Contents
		} else {
			code = f.Contents
		}
	}
	js := string(code)
	if i := strings.LastIndex(js, "//# sourceMappingURL="); i >= 0 {
		js = js[:i]
	}
	srcMap, err := fixPreludeMap(srcMap)
	if err != nil {
		return nil, fmt.Errorf("prelude: source map: %w", err)
	}
	js += "\n//# sourceMappingURL=data:application/json;base64," + base64.StdEncoding.EncodeToString(srcMap) + "\n"
	ast, err := parser.ParseFile(nil, "b24run/prelude.js", js, 0, parser.WithSourceMapLoader(refuseSourceMapFile))
	if err != nil {
		return nil, fmt.Errorf("prelude: %w", err)
	}
	return goja.CompileAST(ast, true)
}

// fixPreludeMap names the prelude's sources prelude/*.js and shifts the
// map's columns for goja, as for user scripts.
func fixPreludeMap(raw []byte) ([]byte, error) {
	return fixSourceMap(raw, func(name string) string { return strings.TrimPrefix(name, preludeNamespace+":") })
}
