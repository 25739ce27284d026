package io.millrace.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.catalog.EventCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bindings kept as files, as a plant edge agent takes them: versions, bad files, removed files. */
class BindingFolderTest {

    private static final EventCatalog SHIPPED = EventCatalog.loadDefault();
    private static final String BODY = "{\"channel\":\"http\",\"format\":\"json\",\"source\":\"urn:millrace:plant:P100:gw\","
            + "\"plants\":[\"P100\"],\"eventTypes\":[\"mfg.production.material.consumed\"],\"mapping\":\"%s\"}";

    @TempDir
    Path folder;

    private final InMemoryBindings store = new InMemoryBindings();
    private final LiveBindings live = new LiveBindings(store);

    private BindingFolder bindingFolder() {
        return new BindingFolder(folder, store, live, new BindingReader(() -> SHIPPED), Clock.systemUTC());
    }

    @Test
    void aChangedFileIsTheNextVersionAndAnUnchangedOneIsNot() throws Exception {
        BindingFolder bindings = bindingFolder();
        Files.writeString(folder.resolve("line.json"), BODY.formatted("message.a"));

        assertThat(bindings.sync()).isTrue();
        assertThat(bindings.sync()).isFalse();
        Files.writeString(folder.resolve("line.json"), BODY.formatted("message.b"));
        assertThat(bindings.sync()).isTrue();

        assertThat(live.find("line")).hasValueSatisfying(b -> {
            assertThat(b.version()).isEqualTo(2);
            assertThat(b.definition().mapping()).isEqualTo("message.b");
            assertThat(b.changedBy()).isEqualTo(BindingFolder.ACTOR);
        });
    }

    @Test
    void aFileWithErrorsIsLeftOutAndTheVersionBeforeItStaysLive() throws Exception {
        BindingFolder bindings = bindingFolder();
        Files.writeString(folder.resolve("line.json"), BODY.formatted("message.a"));
        bindings.sync();

        Files.writeString(folder.resolve("line.json"), BODY.formatted("message.("));
        Files.writeString(folder.resolve("other.json"), BODY.formatted("message.a")
                .replace("mfg.production.material.consumed", "mfg.production.material.teleported"));
        Files.writeString(folder.resolve("broken.json"), "{\"channel\":");

        assertThat(bindings.sync()).isFalse();
        assertThat(live.all()).extracting(Binding::name).containsExactly("line");
        assertThat(live.find("line").orElseThrow().definition().mapping()).isEqualTo("message.a");
    }

    @Test
    void aRemovedFileDeletesItsBinding() throws Exception {
        BindingFolder bindings = bindingFolder();
        Files.writeString(folder.resolve("line.json"), BODY.formatted("message.a"));
        Files.writeString(folder.resolve("notes.txt"), "not a binding");
        bindings.sync();

        Files.delete(folder.resolve("line.json"));

        assertThat(bindings.sync()).isTrue();
        assertThat(live.all()).isEmpty();
    }
}
