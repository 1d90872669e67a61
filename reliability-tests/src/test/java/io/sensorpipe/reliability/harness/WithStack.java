package io.sensorpipe.reliability.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One embedded stack for the annotated test class ({@link StackExtension}): started before its first test, stopped
 * after its last, and handed to the class's static fields by type: {@link TestStack}, {@link StoredDocs} (a client of
 * the stack's database) and, with {@link #mongoProxy()}, a {@link io.sensorpipe.testsupport.TcpProxy} in front of
 * MongoDB.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(StackExtension.class)
public @interface WithStack {
    /** The scratch directory's name under reliability-tests/target/runs/. */
    String value();

    /** Kafka with SASL/SCRAM and ACLs ({@code bin/pipeline stack --secure}). */
    boolean secure() default false;

    /** A TCP proxy in front of MongoDB, for outages and slow networks. */
    boolean mongoProxy() default false;
}
