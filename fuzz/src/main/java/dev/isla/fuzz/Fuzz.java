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
 * {@code ISLA_FUZZ_SECONDS}, docs/RELIABILITY.md). The seed is fixed so a run is reproducible:
 * the normal run replays the same first {@link FuzzBudget#NORMAL_TRIES} inputs everywhere (CI
 * can't turn red on an input nobody has seen), a long run goes further along the same sequence.
 * A failing try is shrunk and reported like any jqwik failure.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Property(tries = FuzzBudget.MAX_TRIES, seed = FuzzBudget.SEED)
@AddLifecycleHook(FuzzBudget.class)
public @interface Fuzz {}
