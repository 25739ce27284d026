package io.millrace.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The file channel: custom CSV and B2MML files post; a bad row rejects its file whole; a file again is a duplicate. */
class FileInboxIT extends ConnectivityHub {

    private PlantFixture p;
    private String name;
    private Path folder;

    @BeforeEach
    void plant() throws IOException {
        p = new PlantFixture(http, ADMIN_KEY);
        name = "inbox-" + p.u.toLowerCase();
        folder = INBOX.resolve(name);
    }

    private String csvBinding() {
        String mapping = "{'type': 'mfg.production.material.consumed', 'time': $replace(message.Buchung, ' ', 'T') & 'Z', "
                + "'subject': message.Auftrag, 'data': {'orderId': message.Auftrag, 'item': message.Material, "
                + "'lot': message.Charge, 'quantity': $number($replace(message.Menge, ',', '.')), "
                + "'uom': message.ME, 'location': '" + p.line + "'}}";
        return "{\"channel\":\"file\",\"topic\":\"" + name + "\",\"format\":\"csv\",\"csv\":{\"delimiter\":\";\","
                + "\"header\":true},\"source\":\"urn:millrace:plant:" + p.plant + ":wms\",\"plants\":[\"" + p.plant
                + "\"],\"eventTypes\":[\"mfg.production.material.consumed\"],\"mapping\":" + quoted(mapping) + "}";
    }

    private static String csv(String order, String raw, String lot, String... quantities) {
        StringBuilder file = new StringBuilder("Auftrag;Material;Charge;Menge;ME;Buchung\n");
        int minute = 10;
        for (String q : quantities) {
            file.append(order).append(';').append(raw).append(';').append(lot).append(';').append(q)
                    .append(";kg;2026-11-26 09:").append(minute++).append(":00\n");
        }
        return file.toString();
    }

    /** Writes like a careful sender: under a .part name first, then renamed. */
    private Path drop(String fileName, String content) throws IOException {
        Files.createDirectories(folder);
        Path part = folder.resolve(fileName + ".part");
        Files.writeString(part, content, StandardCharsets.UTF_8);
        return Files.move(part, folder.resolve(fileName));
    }

    private Path awaitFile(String sub, String fileName) throws InterruptedException {
        Path path = folder.resolve(sub).resolve(fileName);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(path) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(path).as("moved to " + sub).exists();
        return path;
    }

    @Test
    void aCsvInACustomLayoutPostsEveryRow() throws Exception {
        putBinding(name, csvBinding());
        p.releaseAndStage("MO-F1", "L-F1");

        drop("consumption-1.csv", csv("MO-F1", p.raw, "L-F1", "1,5", "2,25", "3"));

        awaitFile("processed", "consumption-1.csv");
        p.awaitPostedOf("MO-F1", "mfg.production.material.consumed", 3);
    }

    @Test
    void theSameFileDroppedAgainIsADuplicate() throws Exception {
        putBinding(name, csvBinding());
        p.releaseAndStage("MO-F2", "L-F2");
        String content = csv("MO-F2", p.raw, "L-F2", "1", "2");
        drop("a.csv", content);
        awaitFile("processed", "a.csv");
        p.awaitPostedOf("MO-F2", "mfg.production.material.consumed", 2);

        drop("b.csv", content);

        awaitFile("processed", "b.csv");
        assertThat(folder.resolve("rejected").resolve("b.csv")).doesNotExist();
        Thread.sleep(500);
        assertThat(p.postedOf("MO-F2", "mfg.production.material.consumed")).hasSize(2);
    }

    @Test
    void aFileWithOneBadRowIsRejectedWholeWithTheRowNamed() throws Exception {
        putBinding(name, csvBinding());
        p.releaseAndStage("MO-F3", "L-F3");

        drop("bad.csv", csv("MO-F3", p.raw, "L-F3", "1", "2", "viel", "4"));

        Path rejected = awaitFile("rejected", "bad.csv");
        JsonNode problem = HubHttp.JSON.readTree(Files.readString(rejected.resolveSibling("bad.csv.problem.json")));
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(problem.get("rows").get(0).asInt()).isEqualTo(3);
        assertThat(problem.get("file").asString()).isEqualTo("bad.csv");
        Thread.sleep(500);
        assertThat(p.journal("MO-F3")).as("none of the good rows either").isEmpty();
    }

    @Test
    void aRowThatBreaksTheCatalogIsNamedToo() throws Exception {
        putBinding(name, csvBinding());

        drop("negative.csv", csv("MO-F5", p.raw, "L-F5", "1", "-2"));

        Path rejected = awaitFile("rejected", "negative.csv");
        JsonNode problem = HubHttp.JSON.readTree(Files.readString(rejected.resolveSibling("negative.csv.problem.json")));
        assertThat(problem.get("errors").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/data/quantity");
    }

    @Test
    void aB2mmlProductionPerformanceDocumentPostsConsumptionAndCompletion() throws Exception {
        String mapping = MessageMapperTest.resource("b2mml-production-performance.jsonata");
        putBinding(name, "{\"channel\":\"file\",\"topic\":\"" + name + "\",\"format\":\"xml\",\"source\":"
                + "\"urn:millrace:plant:" + p.plant + ":mes-b2mml\",\"plants\":[\"" + p.plant + "\"],\"eventTypes\":"
                + "[\"mfg.production.material.consumed\",\"mfg.production.order.completed\"],\"mapping\":"
                + quoted(mapping) + "}");
        p.releaseAndStage("MO-B1", "LOT-S1");
        String document = MessageMapperTest.resource("b2mml-production-performance.example.xml")
                .replace("MO-1", "MO-B1").replace("RM-STEEL", p.raw).replace("FG-BRACKET", p.good)
                .replace("P100-LINE", p.line).replace("P100-FG", p.fg);

        drop("performance.xml", document);

        awaitFile("processed", "performance.xml");
        p.awaitPostedOf("MO-B1", "mfg.production.material.consumed", 1);
        p.awaitPostedOf("MO-B1", "mfg.production.order.completed", 1);
    }
}
