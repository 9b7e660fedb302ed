package dev.ithaca.memory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeTest {
    private final List<String> closed = new ArrayList<>();

    private AutoCloseable resource(String name) {
        AutoCloseable r = new AutoCloseable() {
            @Override
            public void close() {
                closed.add(name);
            }

            @Override
            public String toString() {
                return name;
            }
        };
        Scope.track(r);
        return r;
    }

    @Test
    void closingFreesEverythingCreatedInsideNewestFirst() {
        try (Scope scope = Scope.open()) {
            resource("a");
            resource("b");
            assertThat(scope.size()).isEqualTo(2);
        }
        assertThat(closed).containsExactly("b", "a");
        assertThat(Scope.isActive()).isFalse();
    }

    @Test
    void detachedResourcesMoveToTheEnclosingScope() {
        try (Scope outer = Scope.open()) {
            AutoCloseable kept;
            try (Scope inner = Scope.open()) {
                resource("temp");
                kept = inner.detach(resource("kept"));
            }
            assertThat(closed).containsExactly("temp");
            assertThat(outer.size()).isEqualTo(1);
            assertThat(kept.toString()).isEqualTo("kept");
        }
        assertThat(closed).containsExactly("temp", "kept");
    }

    @Test
    void detachingFromTheOutermostScopeHandsOwnershipToTheCaller() {
        AutoCloseable kept;
        try (Scope scope = Scope.open()) {
            kept = scope.detach(resource("kept"));
        }
        assertThat(closed).isEmpty();
        assertThat(kept).isNotNull();
    }

    @Test
    void resourcesOutsideAnyScopeAreNotTracked() {
        resource("free");
        try (Scope scope = Scope.open()) {
            assertThat(scope.size()).isZero();
        }
        assertThat(closed).isEmpty();
    }

    @Test
    void detachOfAForeignResourceIsAClearError() {
        AutoCloseable outside = resource("outside");
        try (Scope scope = Scope.open()) {
            assertThatThrownBy(() -> scope.detach(outside))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside").hasMessageContaining("not created in this scope");
        }
    }

    @Test
    void scopesMustCloseInnermostFirstAndOnTheirOwnThread() throws Exception {
        Scope outer = Scope.open();
        Scope inner = Scope.open();
        assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("innermost first");
        Throwable fromOtherThread = CompletableFuture.supplyAsync(() -> {
            try {
                inner.close();
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        }).get();
        assertThat(fromOtherThread).hasMessageContaining("must be closed on that thread");
        inner.close();
        outer.close();
        assertThat(Scope.isActive()).isFalse();
    }

    @Test
    void aFailingCloseStillFreesTheRestAndReportsTheFailure() {
        Scope scope = Scope.open();
        resource("a");
        Scope.track(() -> {
            throw new IllegalStateException("boom");
        });
        resource("c");
        assertThatThrownBy(scope::close).isInstanceOf(IllegalStateException.class).hasRootCauseMessage("boom");
        assertThat(closed).containsExactly("c", "a");
    }
}
