/**
 * The library's layout, checked over the TypeScript imports of src/:
 * - src/private/core depends on nothing else of the library; src/private/iam only on the core;
 *   src/private/compose on the core, iam, and on the public files only for interfaces (type-only
 *   imports) and enums: it never creates or inspects a public construct class.
 * - No import cycle, type-only imports included (what `madge --circular` reports).
 * - No `instanceof` on a class of the library: constructs know each other through facts on their
 *   interfaces and `Symbol.for` brands.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.join(__dirname, '..', 'src');

interface ImportEdge {
  /** The imported file, relative to src/ (`private/core/validation.ts`). */
  readonly target: string;
  /** Whether the import is erased at runtime (`import type`, or every name type-only). */
  readonly typeOnly: boolean;
  /** The names imported (empty for `import * as`, side-effect imports and `require`). */
  readonly names: string[];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf-8'), ts.ScriptTarget.ES2022, true);
}

function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  const candidate = [`${base}.ts`, path.join(base, 'index.ts')].find(f => fs.existsSync(f));
  if (!candidate) throw new Error(`${from}: cannot resolve ${specifier}`);
  return path.relative(SRC, candidate);
}

/** Every import of a file of the library: declarations, re-exports and `require(...)` calls. */
function importsOf(file: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const target = resolveRelative(file, node.moduleSpecifier.text);
      if (target) {
        const clause = node.importClause;
        const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
        const typeOnly = clause !== undefined && (clause.isTypeOnly
          || (named !== undefined && clause.name === undefined && named.length > 0 && named.every(e => e.isTypeOnly)));
        edges.push({ target, typeOnly, names: named?.map(e => (e.propertyName ?? e.name).text) ?? [] });
      }
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const target = resolveRelative(file, node.moduleSpecifier.text);
      if (target) edges.push({ target, typeOnly: node.isTypeOnly, names: [] });
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require'
      && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const target = resolveRelative(file, node.arguments[0].text);
      if (target) edges.push({ target, typeOnly: false, names: [] });
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  return edges;
}

/** The enums a file exports. */
function exportedEnums(file: string): Set<string> {
  return new Set(parse(path.join(SRC, file)).statements
    .filter(ts.isEnumDeclaration)
    .filter(e => e.modifiers?.some(m => m.kind === ts.SyntaxKind.ExportKeyword))
    .map(e => e.name.text));
}

/** The classes the library's files declare (exported or not). */
function libraryClasses(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node) && node.name) names.add(node.name.text);
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  return names;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map(f => [path.relative(SRC, f), importsOf(f)]));

function layerOf(file: string): 'core' | 'iam' | 'compose' | 'private' | 'public' {
  const match = /^private\/(core|iam|compose)\//.exec(file);
  if (match) return match[1] as 'core' | 'iam' | 'compose';
  return file.startsWith('private/') ? 'private' : 'public';
}

/** What each layer may import, by the layer of the imported file. */
const ALLOWED: { [layer: string]: string[] } = {
  core: ['core'],
  iam: ['core', 'iam'],
  compose: ['core', 'iam', 'compose'],
};

/** The import arrows that break the layering, as `from -> to (names)`. */
export function layeringViolations(imports: Map<string, ImportEdge[]>): string[] {
  const violations: string[] = [];
  for (const [file, edges] of imports) {
    const layer = layerOf(file);
    if (layer === 'private') {
      violations.push(`${file}: in src/private but in no layer (core, iam, compose)`);
      continue;
    }
    const allowed = ALLOWED[layer];
    if (!allowed) continue;
    for (const edge of edges) {
      const targetLayer = layerOf(edge.target);
      if (allowed.includes(targetLayer)) continue;
      if (layer === 'compose' && targetLayer === 'public') {
        // Interfaces (type-only) and enums of the public files only.
        if (edge.typeOnly) continue;
        const enums = exportedEnums(edge.target);
        const values = edge.names.filter(name => !enums.has(name));
        if (edge.names.length > 0 && values.length === 0) continue;
        violations.push(`${file} -> ${edge.target} (${values.join(', ') || 'whole module'}: only interfaces as import type, and enums)`);
        continue;
      }
      violations.push(`${file} -> ${edge.target}`);
    }
  }
  return violations;
}

/** The import cycles among the files (type-only imports included), each as a path of files. */
export function importCycles(imports: Map<string, ImportEdge[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'visiting');
    stack.push(file);
    for (const edge of imports.get(file) ?? []) {
      const s = state.get(edge.target);
      if (s === 'visiting') {
        cycles.push([...stack.slice(stack.indexOf(edge.target)), edge.target]);
      } else if (s === undefined) {
        visit(edge.target);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...imports.keys()].sort()) {
    if (!state.has(file)) visit(file);
  }
  return cycles;
}

describe('architecture of src/', () => {
  test('each layer of src/private imports only from the layers below it', () => {
    expect(layeringViolations(graph)).toEqual([]);
  });

  test('src/private/core imports nothing of the library outside the core', () => {
    const core = [...graph].filter(([file]) => layerOf(file) === 'core');
    expect(core.length).toBeGreaterThan(5);
    const outside = core.flatMap(([file, edges]) => edges.filter(e => layerOf(e.target) !== 'core').map(e => `${file} -> ${e.target}`));
    expect(outside).toEqual([]);
  });

  test('no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  test('no instanceof on a class of the library', () => {
    const classes = libraryClasses(files);
    expect(classes.has('ImagePipeline')).toBe(true);
    const found: string[] = [];
    for (const file of files) {
      const visit = (node: ts.Node): void => {
        if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) {
          const right = node.right;
          const name = ts.isIdentifier(right) ? right.text : ts.isPropertyAccessExpression(right) ? right.name.text : undefined;
          const qualified = ts.isPropertyAccessExpression(right) && ts.isIdentifier(right.expression) ? right.expression.text : undefined;
          // `logs.CfnLogGroup` is aws-cdk-lib's; a bare name declared in src/ is the library's.
          if (name !== undefined && qualified === undefined && classes.has(name)) {
            found.push(`${path.relative(SRC, file)}: instanceof ${name}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(parse(file));
    }
    expect(found).toEqual([]);
  });

  // The checks themselves, on made-up graphs: each rule fails when broken.
  describe('the checks', () => {
    const edge = (target: string, typeOnly = false, names: string[] = []): ImportEdge => ({ target, typeOnly, names });

    test('an import from the core up is a violation', () => {
      expect(layeringViolations(new Map([['private/core/a.ts', [edge('private/iam/b.ts')]]]))).toEqual(['private/core/a.ts -> private/iam/b.ts']);
      expect(layeringViolations(new Map([['private/core/a.ts', [edge('image.ts', true)]]]))).toEqual(['private/core/a.ts -> image.ts']);
    });

    test('compose may import public interfaces as types and enums, not classes', () => {
      expect(layeringViolations(new Map([['private/compose/a.ts', [edge('workflow.ts', true, ['IWorkflow'])]]]))).toEqual([]);
      expect(layeringViolations(new Map([['private/compose/a.ts', [edge('workflow.ts', false, ['WorkflowType'])]]]))).toEqual([]);
      expect(layeringViolations(new Map([['private/compose/a.ts', [edge('workflow.ts', false, ['Workflow'])]]])))
        .toEqual(['private/compose/a.ts -> workflow.ts (Workflow: only interfaces as import type, and enums)']);
    });

    test('a file of src/private outside the layers is a violation', () => {
      expect(layeringViolations(new Map([['private/x.ts', []]]))).toEqual(['private/x.ts: in src/private but in no layer (core, iam, compose)']);
    });

    test('a cycle is found, type-only imports included', () => {
      expect(importCycles(new Map([['a.ts', [edge('b.ts')]], ['b.ts', [edge('a.ts', true)]]]))).toEqual([['a.ts', 'b.ts', 'a.ts']]);
      expect(importCycles(new Map([['a.ts', [edge('b.ts')]], ['b.ts', []]]))).toEqual([]);
    });
  });
});
