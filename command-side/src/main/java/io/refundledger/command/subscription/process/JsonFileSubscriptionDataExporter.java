package io.refundledger.command.subscription.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.refundledger.command.subscription.SubscriptionContact;
import io.refundledger.command.subscription.SubscriptionPersonalData;
import io.refundledger.events.subscription.SubscriptionStarted;
import io.refundledger.infrastructure.privacy.PersonalDataVault;
import io.refundledger.infrastructure.serialization.LedgerSerializers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The default export: a JSON file {@code <directory>/<exportId>.json} with everything the subscription's events
 * record, in order, and its contact person decrypted (the one place personal data leaves the vault in plain
 * text, for the customer who owns it). Written to a temporary file and moved into place, so a reader never sees
 * half an export; writing the same export again replaces it.
 */
public class JsonFileSubscriptionDataExporter implements SubscriptionDataExporter {

    private final EventStore eventStore;
    private final PersonalDataVault vault;
    private final Path directory;
    private final Clock clock;
    private final ObjectMapper json = LedgerSerializers.storageObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public JsonFileSubscriptionDataExporter(EventStore eventStore, PersonalDataVault vault, Path directory, Clock clock) {
        this.eventStore = eventStore;
        this.vault = vault;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public ExportedData export(String subscriptionId, String exportId) {
        if (exportId == null || !exportId.matches("[A-Za-z0-9._-]+")) {
            // The id becomes a file name: never let it climb out of the export directory.
            throw new IllegalArgumentException("export id " + exportId + " is not usable as a file name");
        }
        byte[] content = render(subscriptionId, exportId);
        Path target = directory.resolve(exportId + ".json");
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, exportId, ".partial");
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write export " + target, e);
        }
        return new ExportedData(target.toString(), sha256(content));
    }

    private byte[] render(String subscriptionId, String exportId) {
        ObjectNode export = json.createObjectNode();
        export.put("exportId", exportId);
        export.put("subscriptionId", subscriptionId);
        export.put("exportedAt", clock.instant().toString());
        ArrayNode events = export.putArray("events");
        eventStore.readEvents(subscriptionId).asStream().forEach(message -> events.add(describe(message)));
        try {
            return json.writeValueAsBytes(export);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("export " + exportId + " cannot be written as JSON", e);
        }
    }

    private ObjectNode describe(DomainEventMessage<?> message) {
        ObjectNode event = json.createObjectNode();
        event.put("sequence", message.getSequenceNumber());
        event.put("type", message.getPayloadType().getSimpleName());
        event.put("timestamp", message.getTimestamp().toString());
        ObjectNode payload = json.valueToTree(message.getPayload());
        if (message.getPayload() instanceof SubscriptionStarted started && started.contact() != null) {
            Optional<SubscriptionContact> contact = SubscriptionPersonalData.decrypt(vault, started.contact());
            payload.set("contact", contact.<com.fasterxml.jackson.databind.JsonNode>map(json::valueToTree)
                    .orElseGet(() -> json.getNodeFactory().textNode("erased")));
        }
        event.set("payload", payload);
        return event;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
