package dev.vigil.streamer.inference;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InferenceOptionsTest {

    @Test
    void parsesProviderNamesLeniently() {
        assertEquals(ExecutionProvider.CPU, ExecutionProvider.parse("cpu"));
        assertEquals(ExecutionProvider.CUDA, ExecutionProvider.parse(" CUDA "));
        assertEquals(ExecutionProvider.CUDA, ExecutionProvider.parse("Cuda"));
        assertEquals("cuda", ExecutionProvider.CUDA.id());
    }

    @Test
    void refusesUnknownProviderNamingTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExecutionProvider.parse("tpu"));
        assertEquals("execution provider: expected one of [cpu, cuda], found 'tpu'", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExecutionProvider.parse(null))
                .getMessage().endsWith("found null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExecutionProvider.parse(""))
                .getMessage().endsWith("found ''"));
    }

    @Test
    void defaultsAreCpuWithFallbackAndOneThread() {
        assertEquals(new InferenceOptions(ExecutionProvider.CPU, true, 1), InferenceOptions.defaults());
    }

    @Test
    void refusesFewerThanOneThreadAndNoProvider() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InferenceOptions(ExecutionProvider.CPU, true, 0));
        assertEquals("intraOpThreads: expected at least 1, found 0", e.getMessage());
        assertThrows(NullPointerException.class, () -> new InferenceOptions(null, true, 1));
    }
}
