package dev.isla.fuzz;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * A jqwik property that runs for a time budget instead of a number of tries: as many tries as
 * fit in {@link FuzzBudget#seconds()} (a few seconds in the normal test run, longer with
 * {@code ISLA_FUZZ_SECONDS}, docs/RELIABILITY.md). A failing try is shrunk and reported like any
 * jqwik failure, with the seed to replay it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Property(tries = FuzzBudget.MAX_TRIES)
@AddLifecycleHook(FuzzBudget.class)
public @interface Fuzz {}
