import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * {@code java UpgradeClassFiles.java IN.jar OUT.jar}: copies a jar with every class file older than Java 6
 * rewritten as a Java 8 class file, the same bytecode with stack map frames added. The dmasim launcher runs it
 * on JDK 25 or newer before it records its ahead-of-time cache: the cache cannot hold a Java 5 class (the old
 * verifier's results cannot be kept), and picocli's jar is Java 5, about 175 classes parsed and verified from
 * the jar on every start otherwise (README.md, The launcher). Each rewritten class is checked with the class-file
 * verifier; any error, and the jar is not written (exit 1): the launcher then keeps the original.
 */
public final class UpgradeClassFiles {
    private static final int JAVA_6 = 50;
    private static final int JAVA_8 = 52;

    private UpgradeClassFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java UpgradeClassFiles.java IN.jar OUT.jar");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        try (URLClassLoader jar = new URLClassLoader(new URL[] {in.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            // stack map frames merge types: the jar's own classes, then the JDK's
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(jar))));
            try (InputStream bytes = Files.newInputStream(in);
                    ZipInputStream zin = new ZipInputStream(bytes);
                    OutputStream outBytes = Files.newOutputStream(out);
                    ZipOutputStream zout = new ZipOutputStream(outBytes)) {
                for (ZipEntry entry; (entry = zin.getNextEntry()) != null; ) {
                    byte[] data = zin.readAllBytes();
                    if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                        data = upgrade(classFile, entry.getName(), data);
                    }
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    zout.putNextEntry(copy);
                    zout.write(data);
                    zout.closeEntry();
                }
            }
            // dated as the jar it copies: a second training writes the very same file, so an AOT cache
            // made with the first (the JVM checks each jar's size and date) stays valid
            Files.setLastModifiedTime(out, Files.getLastModifiedTime(in));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            System.err.println("UpgradeClassFiles: " + e);
            System.exit(1);
        }
    }

    private static byte[] upgrade(ClassFile classFile, String name, byte[] data) {
        ClassModel model = classFile.parse(data);
        if (model.majorVersion() >= JAVA_6) {
            return data;
        }
        byte[] upgraded = classFile.transformClass(model,
                ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                        .andThen(ClassTransform.endHandler(b -> b.withVersion(JAVA_8, 0))));
        List<VerifyError> errors = classFile.verify(upgraded);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(name + ": " + errors.get(0).getMessage());
        }
        return upgraded;
    }
}
