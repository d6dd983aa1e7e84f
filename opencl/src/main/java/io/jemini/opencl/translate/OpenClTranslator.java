package io.jemini.opencl.translate;

import com.aparapi.Config;
import com.aparapi.internal.exception.AparapiException;
import com.aparapi.internal.exception.CodeGenException;
import com.aparapi.internal.instruction.Instruction;
import com.aparapi.internal.instruction.InstructionSet.AccessLocalVariable;
import com.aparapi.internal.instruction.InstructionSet.AssignToArrayElement;
import com.aparapi.internal.instruction.InstructionSet.MethodCall;
import com.aparapi.internal.model.CacheEnabler;
import com.aparapi.internal.model.ClassModel.ConstantPool.MethodEntry;
import com.aparapi.internal.model.ClassModel.LocalVariableInfo;
import com.aparapi.internal.model.ClassModel;
import com.aparapi.internal.model.Entrypoint;
import com.aparapi.internal.model.MethodModel;
import com.aparapi.internal.writer.KernelWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Translates a portable kernel's bytecode to OpenCL C with Aparapi's translator, used as a
 * translator only: the kernel method and the static methods it calls become OpenCL functions,
 * and a generated {@code __kernel} entry calls the kernel with {@code (i, i + 1)} for each
 * work-item {@code i < n}. Nothing runs here; {@link TranslatedKernel#source()} is what a device
 * compiles.
 *
 * <p>Calls to {@code java.lang.Math} and {@code java.lang.Float} map to OpenCL built-ins through
 * an explicit table ({@code Math.abs(float)} is {@code fabs}, not the integer {@code abs});
 * anything outside it is a translation error naming the kernel and the call.
 */
public final class OpenClTranslator {
    /** {@code owner.name descriptor} → the OpenCL built-in with the same meaning on the values kernels use. */
    private static final Map<String, String> BUILT_INS = Map.ofEntries(
            Map.entry("java/lang/Math.abs(F)F", "fabs"), Map.entry("java/lang/Math.abs(D)D", "fabs"),
            Map.entry("java/lang/Math.abs(I)I", "abs"),
            Map.entry("java/lang/Math.max(FF)F", "fmax"), Map.entry("java/lang/Math.max(DD)D", "fmax"),
            Map.entry("java/lang/Math.max(II)I", "max"),
            Map.entry("java/lang/Math.min(FF)F", "fmin"), Map.entry("java/lang/Math.min(DD)D", "fmin"),
            Map.entry("java/lang/Math.min(II)I", "min"),
            Map.entry("java/lang/Math.exp(D)D", "exp"), Map.entry("java/lang/Math.log(D)D", "log"),
            Map.entry("java/lang/Math.sqrt(D)D", "sqrt"), Map.entry("java/lang/Math.tanh(D)D", "tanh"),
            Map.entry("java/lang/Math.pow(DD)D", "pow"), Map.entry("java/lang/Math.sin(D)D", "sin"),
            Map.entry("java/lang/Math.cos(D)D", "cos"), Map.entry("java/lang/Math.floor(D)D", "floor"),
            Map.entry("java/lang/Math.ceil(D)D", "ceil"), Map.entry("java/lang/Math.fma(FFF)F", "fma"),
            Map.entry("java/lang/Float.isNaN(F)Z", "isnan"), Map.entry("java/lang/Float.isInfinite(F)Z", "isinf"));

    /**
     * Aparapi's one logger (it is named after its level property); held so the level set here is not
     * lost with a collected logger. Its warnings about class-file attributes newer than it are noise.
     */
    private static final Logger APARAPI_LOG = Logger.getLogger(Config.getLoggerName());

    static {
        APARAPI_LOG.setLevel(Level.SEVERE);
        // Aparapi's caches decide "is this call an OpenCL built-in?" by the callee's own annotations,
        // which java.lang.Math lacks; uncached, it decides by name, and BUILT_INS then maps the call.
        CacheEnabler.setCachesEnabled(false);
    }

    private OpenClTranslator() {
    }

    /** The OpenCL C source of {@code kernel}, or a {@link TranslationException} naming what cannot be translated. */
    public static TranslatedKernel translate(PortableKernel kernel) {
        try {
            ClassModel model = ClassModel.createClassModel(kernel.method().getDeclaringClass());
            Entrypoint entry = new Entrypoint(model, model.getMethodModel(kernel.method().getName(), kernel.descriptor()), null);
            FunctionWriter writer = new FunctionWriter();
            writer.write(entry);
            return new TranslatedKernel(kernel, writer.functions(), entry.requiresDoublePragma(), entry(kernel),
                    writtenArgs(kernel, entry));
        } catch (AparapiException | RuntimeException e) {
            throw new TranslationException(kernel, e);
        }
    }

    /**
     * Which array arguments the kernel stores into, read from its bytecode; a kernel that calls
     * another method is taken to write every array it holds.
     */
    private static List<Boolean> writtenArgs(PortableKernel kernel, Entrypoint entry) {
        List<PortableKernel.ArgKind> args = kernel.args();
        Boolean[] written = new Boolean[args.size()];
        boolean callsOthers = !entry.getCalledMethods().isEmpty();
        int[] slotOfArg = new int[args.size()];
        int slot = 0;
        for (int i = 0; i < args.size(); i++) {
            slotOfArg[i] = slot;
            slot += args.get(i).slots();
            written[i] = args.get(i).isArray() && callsOthers;
        }
        for (Instruction in = entry.getMethodModel().getPCHead(); in != null; in = in.getNextPC()) {
            if (in instanceof AssignToArrayElement store && store.getArrayRef() instanceof AccessLocalVariable local) {
                for (int i = 0; i < args.size(); i++) {
                    if (slotOfArg[i] == local.getLocalVariableTableIndex() && args.get(i).isArray()) {
                        written[i] = true;
                    }
                }
            }
        }
        return List.of(written);
    }

    private static String entry(PortableKernel kernel) {
        StringBuilder params = new StringBuilder();
        StringBuilder call = new StringBuilder();
        List<PortableKernel.ArgKind> args = kernel.args();
        for (int i = 0; i < args.size(); i++) {
            params.append(args.get(i).openCl()).append(" a").append(i).append(", ");
            call.append("a").append(i).append(", ");
        }
        return "__kernel void " + kernel.entryName() + "(" + params + "int n){\n"
                + "   int i = get_global_id(0);\n"
                + "   if (i < n) {\n"
                + "      " + functionName(kernel) + "(" + call + "i, i + 1);\n"
                + "   }\n"
                + "}\n";
    }

    /** Aparapi's name for a static method's function: the class's binary name mangled, two underscores, the method. */
    private static String functionName(PortableKernel kernel) {
        return kernel.method().getDeclaringClass().getName().replace('.', '_') + "__" + kernel.method().getName();
    }

    /** Writes every method of an entrypoint, the entry method included, as a plain OpenCL function. */
    private static final class FunctionWriter extends KernelWriter {
        private final Map<String, String> functions = new LinkedHashMap<>();
        private StringBuilder out;

        Map<String, String> functions() {
            return functions;
        }

        @Override
        public void write(String text) {
            if (out != null) {
                out.append(text);
            }
        }

        /** Aparapi's own kernel is written to nowhere first: that pass sets up the call targets later calls resolve against. */
        @Override
        public void write(Entrypoint entry) throws CodeGenException {
            super.write(entry);
            for (MethodModel m : entry.getCalledMethods()) {
                writeFunction(m);
            }
            writeFunction(entry.getMethodModel());
        }

        private void writeFunction(MethodModel m) throws CodeGenException {
            if (!m.getMethod().isStatic()) {
                throw new CodeGenException("calls the instance method " + m.getName() + "; kernels call static methods only");
            }
            out = new StringBuilder();
            write(convertType(m.getReturnType(), true, false));
            write(m.getName() + "(");
            boolean first = true;
            for (LocalVariableInfo v : m.getLocalVariableTableEntry()) {
                if (v.getStart() != 0) {
                    continue;
                }
                write(first ? "" : ", ");
                String descriptor = v.getVariableDescriptor();
                write(descriptor.startsWith("[") ? " __global " : "");
                write(convertType(descriptor, true, false));
                write(v.getVariableName());
                first = false;
            }
            write(")");
            writeMethodBody(m);
            newLine();
            functions.put(m.getName(), out.toString());
            out = null;
        }

        @Override
        public void writeMethod(MethodCall call, MethodEntry method) throws CodeGenException {
            String owner = method.getClassEntry().getNameUTF8Entry().getUTF8();
            if (!owner.equals("java/lang/Math") && !owner.equals("java/lang/Float")) {
                super.writeMethod(call, method);
                return;
            }
            String key = owner + "." + method.getNameAndTypeEntry().getNameUTF8Entry().getUTF8()
                    + method.getNameAndTypeEntry().getDescriptorUTF8Entry().getUTF8();
            String builtIn = BUILT_INS.get(key);
            if (builtIn == null) {
                throw new CodeGenException("calls " + key.replace('/', '.') + ", which has no OpenCL built-in here; "
                        + "the mapped calls are " + BUILT_INS.keySet().stream().sorted().toList());
            }
            write(builtIn + "(");
            for (int i = 0; i < method.getStackConsumeCount(); i++) {
                write(i == 0 ? "" : ", ");
                writeInstruction(call.getArg(i));
            }
            write(")");
        }
    }
}
