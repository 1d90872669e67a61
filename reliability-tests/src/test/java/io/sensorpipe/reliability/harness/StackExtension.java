package io.sensorpipe.reliability.harness;

import io.sensorpipe.testsupport.TcpProxy;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up every reliability test class shares ({@link WithStack}): the stack, a database client and, if asked, a
 * proxy in front of MongoDB, given to the class's static fields of those types, and closed in reverse order after the
 * class's last test (also when a start failed half-way).
 */
public final class StackExtension implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(StackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> test = context.getRequiredTestClass();
        WithStack spec = test.getAnnotation(WithStack.class);
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        context.getStore(NS).put("opened", opened);
        TestStack stack = TestStack.start(spec.value(), spec.secure());
        opened.push(stack);
        inject(test, TestStack.class, stack);
        StoredDocs db = new StoredDocs(stack.mongoUri());
        opened.push(db);
        inject(test, StoredDocs.class, db);
        if (spec.mongoProxy()) {
            TcpProxy proxy = TcpProxy.start("127.0.0.1", stack.mongoPort());
            opened.push(proxy);
            inject(test, TcpProxy.class, proxy);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterAll(ExtensionContext context) throws Exception {
        Deque<AutoCloseable> opened = context.getStore(NS).get("opened", Deque.class);
        Exception first = null;
        while (opened != null && !opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void inject(Class<?> test, Class<?> type, Object value) throws IllegalAccessException {
        for (Field f : test.getDeclaredFields()) {
            if (f.getType() == type && Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                f.set(null, value);
            }
        }
    }
}
