package dev.ithaca.verify;

import java.util.concurrent.Callable;

/**
 * Runs one consumer's check and turns every outcome into one line and an exit code the script
 * reads: {@code module X: OK <detail>} (0), {@code module X: missing class Y} (2) when the
 * installed artifacts lack a class the consumer compiled against or names, and
 * {@code module X: FAILED <why>} (1) when the API ran but gave a wrong result.
 */
public final class InstallCheck {
    public static final int OK = 0;
    public static final int WRONG_RESULT = 1;
    public static final int MISSING_CLASS = 2;

    private InstallCheck() {
    }

    /**
     * Loads every class in {@code requiredClasses} (so a missing one is named even if the check
     * would not reach it), then runs {@code check}, which returns a short description of what it
     * verified or throws.
     */
    public static void run(String module, String[] requiredClasses, Callable<String> check) {
        System.exit(outcome(module, requiredClasses, check));
    }

    static int outcome(String module, String[] requiredClasses, Callable<String> check) {
        try {
            for (String name : requiredClasses) {
                Class.forName(name, false, InstallCheck.class.getClassLoader());
            }
            String detail = check.call();
            System.out.println("module " + module + ": OK " + detail);
            return OK;
        } catch (ClassNotFoundException e) {
            System.out.println("module " + module + ": missing class " + e.getMessage());
            return MISSING_CLASS;
        } catch (NoClassDefFoundError e) {
            System.out.println("module " + module + ": missing class " + e.getMessage().replace('/', '.'));
            return MISSING_CLASS;
        } catch (Exception | Error e) {
            System.out.println("module " + module + ": FAILED " + e);
            e.printStackTrace();
            return WRONG_RESULT;
        }
    }

    /** Throws with {@code what} and both values unless {@code actual} is within {@code tolerance} of {@code expected}. */
    public static void expectClose(String what, double expected, double actual, double tolerance) {
        if (!(Math.abs(expected - actual) <= tolerance)) {
            throw new IllegalStateException(what + ": expected " + expected + " (within " + tolerance + "), got " + actual);
        }
    }

    /** Throws with {@code what} unless {@code condition} holds. */
    public static void expect(String what, boolean condition) {
        if (!condition) {
            throw new IllegalStateException("expected " + what);
        }
    }
}
