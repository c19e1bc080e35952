package org.dmasim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API's public signatures mention no type of dmasim's internals (engine, interpreter,
 * grammar) nor of ANTLR or GraalVM: every public class of the module, with its supertypes, public
 * and protected fields, constructors, methods (parameters, results, exceptions, type parameters)
 * and record components, generic arguments included.
 */
class ApiSurfaceTest {
    private static final List<String> INTERNAL = List.of("org.dmasim.engine.", "org.dmasim.interpreter.",
            "org.dmasim.grammar.", "org.antlr.", "org.graalvm.");

    @Test
    void noPublicSignatureMentionsAnInternalType() throws Exception {
        List<Class<?>> classes = publicClasses();
        assertTrue(classes.size() >= 20, "found the API's classes: " + classes);
        Set<String> leaks = new TreeSet<>();
        for (Class<?> c : classes) {
            leaks.addAll(leaks(c));
        }
        assertEquals(Set.of(), leaks);
    }

    @Test
    void theCheckFindsALeak() {
        // Ending is public in the interpreter and holds a Summary: the walk must see it.
        Set<String> found = leaks(org.dmasim.interpreter.Ending.class);
        assertTrue(found.stream().anyMatch(s -> s.contains("org.dmasim.interpreter.eval.Summary")), found.toString());
        assertFalse(leaks(Result.class).iterator().hasNext());
    }

    @Test
    void onlyOnePackageIsPublic() throws Exception {
        Set<String> packages = new HashSet<>();
        for (Class<?> c : publicClasses()) {
            packages.add(c.getPackageName());
        }
        assertEquals(Set.of("org.dmasim.api"), packages);
    }

    /** Every public top-level or nested class compiled into this module's main classes. */
    private static List<Class<?>> publicClasses() throws Exception {
        Path root = Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
                Class<?> c = Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        ApiSurfaceTest.class.getClassLoader());
                if (isExported(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static boolean isExported(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> leaks(Class<?> c) {
        Set<String> out = new TreeSet<>();
        String where = c.getName();
        check(c.getGenericSuperclass(), where + " extends", out);
        for (Type t : c.getGenericInterfaces()) {
            check(t, where + " implements", out);
        }
        for (TypeVariable<?> v : c.getTypeParameters()) {
            check(v, where + "<" + v.getName() + ">", out);
        }
        for (Field f : c.getDeclaredFields()) {
            if (visible(f.getModifiers())) {
                check(f.getGenericType(), where + "." + f.getName(), out);
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (visible(k.getModifiers())) {
                executable(k, where + ".<init>", out);
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic()) {
                executable(m, where + "." + m.getName(), out);
                check(m.getGenericReturnType(), where + "." + m.getName() + " returns", out);
            }
        }
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                check(rc.getGenericType(), where + " component " + rc.getName(), out);
            }
        }
        return out;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void executable(Executable e, String where, Set<String> out) {
        for (Type t : e.getGenericParameterTypes()) {
            check(t, where + " parameter", out);
        }
        for (Type t : e.getGenericExceptionTypes()) {
            check(t, where + " throws", out);
        }
        for (TypeVariable<?> v : e.getTypeParameters()) {
            check(v, where + "<" + v.getName() + ">", out);
        }
    }

    private static void check(Type t, String where, Set<String> out) {
        check(t, where, out, new HashSet<>());
    }

    private static void check(Type t, String where, Set<String> out, Set<Type> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        switch (t) {
            case Class<?> c -> {
                Class<?> base = c;
                while (base.isArray()) {
                    base = base.getComponentType();
                }
                for (String prefix : INTERNAL) {
                    if (base.getName().startsWith(prefix)) {
                        out.add(where + ": " + base.getName());
                    }
                }
            }
            case ParameterizedType p -> {
                check(p.getRawType(), where, out, seen);
                check(p.getOwnerType(), where, out, seen);
                for (Type a : p.getActualTypeArguments()) {
                    check(a, where, out, seen);
                }
            }
            case WildcardType w -> {
                for (Type b : w.getUpperBounds()) {
                    check(b, where, out, seen);
                }
                for (Type b : w.getLowerBounds()) {
                    check(b, where, out, seen);
                }
            }
            case TypeVariable<?> v -> {
                for (Type b : v.getBounds()) {
                    check(b, where, out, seen);
                }
            }
            case GenericArrayType g -> check(g.getGenericComponentType(), where, out, seen);
            default -> throw new IllegalStateException("unknown kind of type: " + t);
        }
    }
}
