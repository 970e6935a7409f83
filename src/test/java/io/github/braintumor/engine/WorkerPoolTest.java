package io.github.braintumor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    private static int threadsBefore;
    private static int workersBefore;

    @BeforeAll
    static void twoThreads() {
        DjlEngine.start();
        threadsBefore = DjlEngine.options().threads();
        workersBefore = DjlEngine.options().workers();
        DjlEngine.configure(2, 2, DjlEngine.options().device());
    }

    @AfterAll
    static void restore() {
        DjlEngine.configure(threadsBefore, workersBefore, DjlEngine.options().device());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void resultsComeInIndexOrderFromWorkersWithOneIntraOpThreadEach() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> doneOrder = Collections.synchronizedList(new ArrayList<>());
        String caller = Thread.currentThread().getName();
        List<int[]> out = WorkerPool.map(
                12,
                2,
                i -> {
                    threads.add(Thread.currentThread().getName());
                    sleep(i % 3 == 0 ? 20 : 2); // finishing out of order
                    return new int[] {i * i, JniUtils.getNumThreads()};
                },
                i -> {
                    assertEquals(caller, Thread.currentThread().getName(), "done runs on the calling thread");
                    doneOrder.add(i);
                });
        assertEquals(12, out.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(i * i, out.get(i)[0]);
            assertEquals(1, out.get(i)[1], "a worker's own intra-op threads");
        }
        assertEquals(12, doneOrder.size());
        assertEquals(2, threads.size(), threads.toString());
        assertTrue(threads.stream().allMatch(t -> t.startsWith("brain-tumor-worker-")), threads.toString());
    }

    @Test
    void aThreadPyTorchHasNotSeenYetStartsWithTheEnginesThreadsNotTheWorkers() throws Exception {
        WorkerPool.map(4, 2, i -> JniUtils.getNumThreads(), i -> {});
        int[] seen = new int[1];
        Thread fresh = new Thread(() -> seen[0] = JniUtils.getNumThreads());
        fresh.start();
        fresh.join();
        assertEquals(2, seen[0]);
    }

    @Test
    void oneWorkerOrOneTaskRunsOnTheCallingThread() {
        String caller = Thread.currentThread().getName();
        assertEquals(
                List.of(caller, caller),
                WorkerPool.map(2, 1, i -> Thread.currentThread().getName(), i -> {}));
        assertEquals(
                List.of(caller),
                WorkerPool.map(1, 2, i -> Thread.currentThread().getName(), i -> {}));
    }

    @Test
    void aFailingTaskStopsTheRestAndItsExceptionIsThrown() {
        AtomicInteger ran = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(
                IllegalStateException.class,
                () -> WorkerPool.map(
                        200,
                        2,
                        i -> {
                            ran.incrementAndGet();
                            if (i == 3) throw boom;
                            sleep(2);
                            return i;
                        },
                        i -> {}));
        assertSame(boom, thrown);
        assertTrue(ran.get() < 200, "tasks after the failure were not started: " + ran.get());
    }

    @Test
    void whatDoneThrowsStopsTheRestAfterTheRunningOnesEnd() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        CancellationException e = assertThrows(
                CancellationException.class,
                () -> WorkerPool.map(
                        200,
                        2,
                        i -> {
                            running.incrementAndGet();
                            ran.incrementAndGet();
                            sleep(2);
                            running.decrementAndGet();
                            return i;
                        },
                        i -> {
                            if (i >= 5) throw new CancellationException("stop");
                        }));
        assertEquals("stop", e.getMessage());
        assertEquals(0, running.get(), "no task still runs when map returns");
        assertTrue(ran.get() < 200, "ran " + ran.get());
    }

    @Test
    void workThatAWorkerStartsRunsInPlace() {
        List<List<String>> nested = WorkerPool.map(
                2, 2, i -> WorkerPool.map(3, 2, k -> Thread.currentThread().getName(), k -> {}), i -> {});
        for (List<String> names : nested) {
            assertEquals(1, Set.copyOf(names).size(), "one worker ran all of a nested map: " + names);
        }
    }
}
