package org.dmasim.polyglot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Escape attempts as an attacker writes them, well over forty per language: host access through
 * returned objects and through exceptions, reflection, prototype pollution, other languages,
 * files (also through {@code dmasim.eval} of an {@code import}), the environment, processes,
 * threads and timers, native code, exit, and exhausting time, stack and memory. Attempts that a
 * script can catch run together in one script, each printing what it got; the others run alone.
 * No attempt may show host evidence (a Java class name, a file's contents, the environment), leave
 * a file behind, crash dmasim, or outlive its limit.
 */
class EscapeAttemptsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration GRACE = Duration.ofSeconds(3);
    /** Host evidence: a Java class name, the password file, the words an attempt prints when it got through. */
    private static final Pattern EVIDENCE = Pattern.compile("\\b(?:java|javax|jdk|sun|org\\.dmasim|org\\.graalvm|"
            + "com\\.oracle)\\.[\\w.$]*[A-Z]\\w*|root:x:0|ESCAPED|\\tat [\\w.$]+\\(");
    private static final Pattern RESULT = Pattern.compile("(?m)^ATTEMPT (\\S+) => (.*)$");

    private final Path tmp;
    private final Path marker;

    EscapeAttemptsTest() throws IOException {
        tmp = Files.createTempDirectory("dmasim-escape");
        marker = tmp.resolve("marker");
        Files.writeString(tmp.resolve("local.dma"), "print(\"ESCAPED: a local file was imported\")\n");
    }

    // ---- JavaScript

    private Map<String, String> jsAttempts() {
        String m = marker.toString();
        String local = tmp.resolve("local.dma").toString();
        Map<String, String> a = new LinkedHashMap<>();
        a.put("java-type", "Java.type('java.lang.System').getProperty('user.home')");
        a.put("java-global", "java.lang.System.getenv('PATH')");
        a.put("packages-global", "Packages.java.lang.System.getenv('PATH')");
        a.put("load-file", "load('/etc/passwd')");
        a.put("read-file", "read('/etc/passwd')");
        a.put("read-fully", "readFully('/etc/passwd')");
        a.put("polyglot-eval-python", "Polyglot.eval('python', 'open(\"/etc/passwd\").read()')");
        a.put("polyglot-import", "Polyglot.import('java')");
        a.put("polyglot-export", "Polyglot.export('x', 1)");
        a.put("require-fs", "require('fs').readFileSync('/etc/passwd')");
        a.put("function-global-java", "(new Function('return this'))().Java.type('java.lang.Runtime')");
        a.put("constructor-chain", "dmasim.constructor.constructor('return this')().Java.type('java.lang.Runtime')");
        a.put("buffer-getClass", "dmasim.alloc_pages(4096).getClass()");
        a.put("buffer-class-member", "String(dmasim.alloc_pages(4096)['class'])");
        a.put("builtin-getClass", "dmasim.alloc_pages.getClass()");
        a.put("builtin-as-text", "String(dmasim.alloc_pages) + ' ' + String(dmasim.cpu) + ' ' + String(dmasim.cpu.read)");
        a.put("buffer-own-keys", "Reflect.ownKeys(dmasim.alloc_pages(4096)).join(',')");
        a.put("buffer-prototype", "String(Object.getPrototypeOf(dmasim.alloc_pages(4096)))");
        a.put("buffer-json", "JSON.stringify(dmasim.alloc_pages(4096))");
        a.put("buffer-to-primitive", "String(dmasim.alloc_pages(4096)[Symbol.toPrimitive])");
        a.put("buffer-write-field", "{ const b = dmasim.alloc_pages(4096); b.phys = 5; return b.phys; }");
        a.put("define-on-dmasim", "Object.defineProperty(dmasim, 'alloc_pages', {value: () => 'ESCAPED'}); "
                + "return dmasim.alloc_pages(1)");
        a.put("delete-from-dmasim", "delete dmasim.cpu; return typeof dmasim.cpu.read");
        a.put("prototype-pollution", "Object.prototype.alloc_pages = () => 'ESCAPED'; Object.prototype.valueOf = "
                + "() => 'ESCAPED'; const b = dmasim.alloc_pages(4096); delete Object.prototype.alloc_pages; "
                + "delete Object.prototype.valueOf; return String(b)");
        a.put("array-prototype-pollution", "Array.prototype[0] = 'ESCAPED'; const t = dmasim.sg_table([]); "
                + "delete Array.prototype[0]; return String(t)");
        a.put("proxy-argument", "dmasim.alloc_pages(new Proxy({}, {get() { return () => 'ESCAPED'; }}))");
        a.put("getter-argument", "String(dmasim.device('gd', {get dma_mask() { return 64; }}))");
        a.put("exception-members", "try { dmasim.dma_map_single(1, 2, 3); } catch (e) { "
                + "return Object.getOwnPropertyNames(e).join(',') + ' | ' + String(e.stack); }");
        a.put("exception-cause", "try { dmasim.dma_map_single(1, 2, 3); } catch (e) { "
                + "return String(e.cause) + ' ' + (e.cause && e.cause.getClass ? e.cause.getClass() : 'none'); }");
        a.put("exception-host-object", "try { dmasim.cpu.read(null); } catch (e) { return String(e.constructor) + "
                + "' ' + (typeof e.getClass === 'function' ? e.getClass() : 'no getClass'); }");
        a.put("eval-import-absolute", "dmasim.eval('import \"/etc/passwd\"')");
        a.put("eval-import-traversal", "dmasim.eval('import \"../../../../../../../../etc/passwd\"')");
        a.put("eval-import-local-file", "dmasim.eval('import \"" + local + "\"')");
        a.put("eval-import-stdlib-traversal", "dmasim.eval('import \"../arch/x86_64.dma\"')");
        a.put("reset-traversal", "dmasim.reset('../../etc/passwd')");
        a.put("device-preset-traversal", "dmasim.device('pd', '../../../etc/passwd', {})");
        a.put("arch-traversal", "dmasim.arch('../lib/rx_ring')");
        a.put("machine-huge-budget", "dmasim.machine({memory_budget: 2 ** 62})");
        a.put("set-timeout", "typeof setTimeout === 'function' ? (setTimeout(() => console.log('ESCAPED timer'), 0), "
                + "'scheduled') : 'no setTimeout'");
        a.put("worker", "new Worker('x.js')");
        a.put("java-thread", "Java.type('java.lang.Thread')");
        a.put("atomics-wait", "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10)");
        a.put("webassembly", "typeof WebAssembly === 'object' ? WebAssembly.compile : 'no WebAssembly'");
        a.put("call-through-apply", "String(dmasim.cpu.read.apply(null, [dmasim.alloc_pages(64), 0, 8]))");
        a.put("outcomes-reflection", "Object.keys(dmasim.cpu.probe(dmasim.alloc_pages(64), 0, 8)).join(',')");
        a.put("dmasim-keys", "Object.keys(dmasim).length");
        a.put("graal-object", "typeof Graal === 'object' ? Object.keys(Graal).join(',') : 'no Graal'");
        a.put("marker-file-through-eval", "dmasim.eval('let x = 1'); return typeof require === 'function' ? "
                + "require('fs').writeFileSync('" + m + "', 'x') : 'no require'");
        return a;
    }

    private static String jsScript(Map<String, String> attempts) {
        StringBuilder b = new StringBuilder("""
                function attempt(name, f) {
                  let out;
                  try { const r = f(); out = r === undefined ? 'done' : String(r); } catch (e) { out = 'refused: ' + e; }
                  console.log('ATTEMPT ' + name + ' => ' + out.replace(/\\n/g, ' '));
                }
                """);
        attempts.forEach((name, code) -> b.append("attempt('").append(name).append("', () => { ")
                .append(code.startsWith("{") || code.contains("return ") ? code : "return " + code)
                .append("; });\n"));
        return b.toString();
    }

    @TestFactory
    Stream<DynamicTest> javascriptAttemptsACatchingScriptMakes() {
        Map<String, String> attempts = jsAttempts();
        return caught(attempts, run(jsScript(attempts), Language.JS, TIMEOUT.multipliedBy(10)), "JavaScript");
    }

    @TestFactory
    Stream<DynamicTest> javascriptAttemptsThatEndTheRun() {
        return ending(jsEnding(), Language.JS);
    }

    private static Map<String, String> jsEnding() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("endless-loop", "while (true) {}");
        a.put("endless-microtasks", "function f() { Promise.resolve().then(f); } f(); while (true) {}");
        a.put("memory-exhaustion", "const a = []; while (true) { a.push(new Array(1e6).fill(a.length)); }");
        a.put("huge-string", "let s = 'x'; while (true) { s = s + s; }");
        a.put("deep-recursion", "function f(n) { return f(n + 1) + 1; } f(0);");
        a.put("exit", "typeof quit === 'function' ? quit(3) : exit(3);");
        a.put("catch-a-limit-and-go-on", "try { dmasim.eval('while true { }'); } catch (e) {} "
                + "try { dmasim.eval('while true { }'); } catch (e) {} while (true) {}");
        a.put("long-engine-call", "dmasim.machine({ram: 2 ** 40}); dmasim.vmalloc(2 ** 39);");
        a.put("dma-recursion", "dmasim.eval('fn r(n) { r(n + 1) }\\nr(0)');");
        a.put("nesting", "dmasim.eval('let x = ' + '('.repeat(100000) + '1' + ')'.repeat(100000));");
        return a;
    }

    // ---- Python

    private Map<String, String> pyAttempts() {
        String m = marker.toString();
        String local = tmp.resolve("local.dma").toString();
        Map<String, String> a = new LinkedHashMap<>();
        a.put("import-java", "__import__('java').type('java.lang.System').getProperty('user.home')");
        a.put("polyglot-eval-js", "__import__('polyglot').eval(language='js', string='java.lang.System')");
        a.put("polyglot-import", "__import__('polyglot').import_value('java')");
        a.put("open-read", "open('/etc/passwd').read()");
        a.put("open-write", "open('" + m + "', 'w').write('x')");
        a.put("os-listdir", "__import__('os').listdir('/')");
        a.put("os-environ", "__import__('os').environ.get('PATH')");
        a.put("os-getenv-home", "__import__('os').getenv('HOME')");
        a.put("ctypes", "__import__('ctypes').CDLL(None)");
        a.put("mmap", "__import__('mmap').mmap(-1, 4096)");
        a.put("signal-alarm", "__import__('signal').alarm(1)");
        a.put("resource-limits", "__import__('resource').setrlimit(0, (1, 1))");
        a.put("pwd", "__import__('pwd').getpwall()");
        a.put("shutil-rmtree", "__import__('shutil').rmtree('" + tmp + "')");
        a.put("gc-objects", "len([o for o in __import__('gc').get_objects() if 'java' in type(o).__module__])");
        a.put("inspect-buffer", "__import__('inspect').getmembers(dmasim.alloc_pages(4096))");
        a.put("buffer-dir", "dir(dmasim.alloc_pages(4096))");
        a.put("buffer-type", "(type(dmasim.alloc_pages(4096)), type(dmasim.alloc_pages).__mro__)");
        a.put("buffer-setattr", "setattr(dmasim.alloc_pages(4096), 'phys', 5)");
        a.put("dmasim-setattr", "setattr(dmasim, 'cpu', None)");
        a.put("builtin-call-dunder", "(dmasim.alloc_pages.__call__, getattr(dmasim.alloc_pages, '__class__'))");
        a.put("frame-walk", "[k for k in __import__('sys')._getframe().f_globals.keys()]");
        a.put("exception-traceback", "(lambda: [e for e in [None]])() or __import__('sys').exc_info()");
        a.put("exception-cause", "dmasim.dma_map_single(1, 2, 3)");
        a.put("exception-frames", "dmasim.cpu.read(None)");
        a.put("eval-import-absolute", "dmasim.eval('import \"/etc/passwd\"')");
        a.put("eval-import-traversal", "dmasim.eval('import \"../../../../../../../../etc/passwd\"')");
        a.put("eval-import-local-file", "dmasim.eval('import \"" + local + "\"')");
        a.put("reset-traversal", "dmasim.reset('../../etc/passwd')");
        a.put("device-preset-traversal", "dmasim.device('pd', '../../../etc/passwd', {})");
        a.put("machine-huge-budget", "dmasim.machine({'memory_budget': 2 ** 62})");
        a.put("builtins-open", "(__builtins__['open'] if isinstance(__builtins__, dict) else __builtins__.open)"
                + "('/etc/passwd').read()");
        a.put("zipimport", "__import__('zipimport').zipimporter('/etc/passwd')");
        return a;
    }

    private static String pyScript(Map<String, String> attempts) {
        StringBuilder b = new StringBuilder("""
                def attempt(name, f):
                    try:
                        r = f()
                        out = 'done' if r is None else str(r)
                    except BaseException as e:
                        out = 'refused: ' + type(e).__name__ + ': ' + str(e)
                        if e.__cause__ is not None or e.__context__ is not None:
                            out += ' | cause ' + repr(e.__cause__) + ' context ' + repr(e.__context__)
                        tb = e.__traceback__
                        while tb is not None:
                            out += ' | frame ' + tb.tb_frame.f_code.co_filename
                            tb = tb.tb_next
                    print('ATTEMPT ' + name + ' => ' + out.replace('\\n', ' '))
                """);
        attempts.forEach((name, code) -> b.append("attempt('").append(name).append("', lambda: ").append(code)
                .append(")\n"));
        return b.toString();
    }

    @TestFactory
    Stream<DynamicTest> pythonAttemptsACatchingScriptMakes() {
        Map<String, String> attempts = pyAttempts();
        return caught(attempts, run(pyScript(attempts), Language.PYTHON, TIMEOUT.multipliedBy(20)), "Python");
    }

    @TestFactory
    Stream<DynamicTest> pythonAttemptsThatEndTheRun() {
        return ending(pyEnding(), Language.PYTHON);
    }

    private Map<String, String> pyEnding() {
        String m = marker.toString();
        Map<String, String> a = new LinkedHashMap<>();
        a.put("endless-loop", "while True: pass");
        a.put("memory-exhaustion", "a = []\nwhile True: a.append(bytearray(10 ** 7))");
        a.put("deep-recursion", "import sys\nsys.setrecursionlimit(10 ** 6)\ndef f(n): return f(n + 1) + 1\nf(0)");
        a.put("os-exit", "import os\nos._exit(3)");
        a.put("sys-exit", "import sys\nsys.exit(3)");
        a.put("sleep", "import time\ntime.sleep(1000)");
        a.put("long-engine-call", "dmasim.machine({'ram': 2 ** 40})\ndmasim.vmalloc(2 ** 39)");
        a.put("catch-a-limit-and-go-on", "try:\n    dmasim.eval('while true { }')\nexcept Exception:\n    pass\n"
                + "while True: pass");
        // refusals of processes, threads, sockets, temporary files and the working directory end the run
        // (the sandbox does not let the script catch them)
        a.put("socket", "__import__('socket').socket().connect(('127.0.0.1', 22))");
        a.put("tempfile", "__import__('tempfile').mkstemp()");
        a.put("os-getcwd", "__import__('os').getcwd()");
        a.put("os-system", "__import__('os').system('touch " + m + "')");
        a.put("os-popen", "__import__('os').popen('id').read()");
        a.put("os-fork", "__import__('os').fork()");
        a.put("subprocess", "__import__('subprocess').run(['touch', '" + m + "'])");
        a.put("posix-system", "__import__('importlib').import_module('posix').system('true')");
        a.put("threading", "__import__('threading').Thread(target=lambda: print('ESCAPED thread')).start()");
        a.put("low-level-thread", "__import__('_thread').start_new_thread(lambda: print('ESCAPED'), ())");
        a.put("subclasses-to-system", "[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == "
                + "'_wrap_close'][0].__init__.__globals__['system']('touch " + m + "')");
        a.put("compile-exec", "exec(compile('import os; os.system(\"touch " + m + "\")', 'x', 'exec'))");
        a.put("pickle", "__import__('pickle').loads(b\"cos\\nsystem\\n(S'touch " + m + "'\\ntR.\")");
        return a;
    }

    @org.junit.jupiter.api.Test
    void atLeastFortyAttemptsPerLanguage() {
        assertTrue(jsAttempts().size() + jsEnding().size() >= 40, "JavaScript attempts");
        assertTrue(pyAttempts().size() + pyEnding().size() >= 40, "Python attempts");
    }

    /** Host evidence in {@code text} that the attempt did not type itself, or null. */
    private static String evidence(String text, String code) {
        Matcher e = EVIDENCE.matcher(text);
        while (e.find()) {
            if (!code.contains(e.group())) {
                return e.group();
            }
        }
        return null;
    }

    // ---- checks

    private record Outcome(FrontEndsTest.Run run, long nanos) {
    }

    private Outcome run(String text, Language language, Duration timeout) {
        long t0 = System.nanoTime();
        FrontEndsTest.Run r = FrontEndsTest.runGuest(new SourceFile(language == Language.JS ? "escape.js" : "escape.py",
                text), language, new ScenarioRunner.Options(null, timeout, 5_000_000, false));
        return new Outcome(r, System.nanoTime() - t0);
    }

    /** One test per attempt of a catching script: it ran, and shows no host evidence. */
    private Stream<DynamicTest> caught(Map<String, String> attempts, Outcome o, String language) {
        Map<String, String> results = new LinkedHashMap<>();
        Matcher m = RESULT.matcher(o.run().output());
        while (m.find()) {
            results.put(m.group(1), m.group(2));
        }
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(language + " script ends cleanly", () -> {
            assertTrue(o.run().exit() >= 0 && o.run().exit() <= 2, o.run().output());
            assertFalse(Files.exists(marker), "a file was written:\n" + o.run().output());
        }));
        for (String name : attempts.keySet()) {
            tests.add(DynamicTest.dynamicTest(name, () -> {
                String result = results.get(name);
                assertTrue(result != null, name + " did not run:\n" + o.run().output());
                String found = evidence(result, attempts.get(name));
                assertTrue(found == null, name + " shows '" + found + "': " + result);
                assertFalse(result.contains(System.getenv().getOrDefault("PATH", "\u0000")), "the environment: " + result);
                assertFalse(Files.exists(marker), name + " wrote a file");
            }));
        }
        return tests.stream();
    }

    /** One run per attempt: it ends with a clear error (exit 1 or 2) within its limit, nothing leaks. */
    private Stream<DynamicTest> ending(Map<String, String> attempts, Language language) {
        return attempts.entrySet().stream().map(a -> DynamicTest.dynamicTest(a.getKey(), () -> {
            Outcome o = run(a.getValue() + "\n", language, TIMEOUT);
            String out = o.run().output();
            assertTrue(o.run().exit() == ScenarioRunner.FAIL || o.run().exit() == ScenarioRunner.SCRIPT_ERROR,
                    "exit " + o.run().exit() + ":\n" + out);
            String found = evidence(out, a.getValue());
            assertTrue(found == null, "host evidence '" + found + "':\n" + out);
            assertFalse(Files.exists(marker), "a file was written");
            // the context's start-up (seconds for Python) is not the script's time; the rest must end in time
            assertTrue(Duration.ofNanos(o.nanos()).compareTo(TIMEOUT.plus(GRACE).plus(Duration.ofSeconds(60))) < 0,
                    "ran " + Duration.ofNanos(o.nanos()).toMillis() + " ms:\n" + out);
        }));
    }
}
