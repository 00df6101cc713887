package io.refundledger.query.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Operations on the read models' event processors: status, and rebuilding a read model from the event store. ADMIN only. */
@RestController
@RequestMapping("/api/admin/processors")
@Tag(name = "admin", description = "Event processor status and read-model rebuilds")
public class ProcessorAdminController {

    private final ProcessorAdministration administration;

    public ProcessorAdminController(ProcessorAdministration administration) {
        this.administration = administration;
    }

    @Operation(summary = "Every streaming event processor: running, replaying, per-segment position, lag behind the "
            + "event store's head, and progress during a replay")
    @ApiResponse(responseCode = "200", description = "The processors, by name")
    @GetMapping
    public ProcessorsView all() {
        return administration.all();
    }

    @Operation(summary = "One processor's status")
    @ApiResponse(responseCode = "200", description = "Its status")
    @ApiResponse(responseCode = "404", description = "No processor of that name", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/{name}")
    public ProcessorStatusView one(@Parameter(description = "Processor name, e.g. refund-progress") @PathVariable String name) {
        return administration.one(name);
    }

    @Operation(summary = "Rebuild a read model: reset the processor's tokens and replay the event store",
            description = "Shuts the processor down, resets its tokens (the projection drops its collections) and starts it "
                    + "again. Answers at once; follow the Location to watch the progress. The read model is incomplete "
                    + "until the replay has caught up.")
    @ApiResponse(responseCode = "202", description = "Replay started; Location is the processor's status")
    @ApiResponse(responseCode = "404", description = "No processor of that name", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "A replay of it is already running", content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/{name}/replay")
    public ResponseEntity<ProcessorStatusView> replay(@PathVariable String name, UriComponentsBuilder uri) {
        ProcessorStatusView started = administration.replay(name);
        return ResponseEntity.accepted()
                .location(uri.path("/api/admin/processors/{name}").buildAndExpand(name).toUri())
                .body(started);
    }

    @Operation(summary = "Rebuild a read model without downtime (blue/green)",
            description = "Fills the next generation of the processor's read model from the whole event store while the "
                    + "current generation keeps answering queries and stays live; when every segment of the new one has "
                    + "reached the head, queries switch to it and the old one is dropped a little later. Answers at once; "
                    + "the Location's `rebuild` shows how far the new generation is, `generation` which one answers.")
    @ApiResponse(responseCode = "202", description = "Rebuild started; Location is the processor's status")
    @ApiResponse(responseCode = "404", description = "No processor of that name", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "A rebuild or replay of it is under way, or it keeps no read model "
            + "of its own", content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/{name}/rebuild")
    public ResponseEntity<ProcessorStatusView> rebuild(@PathVariable String name, UriComponentsBuilder uri) {
        ProcessorStatusView started = administration.rebuild(name);
        return ResponseEntity.accepted()
                .location(uri.path("/api/admin/processors/{name}").buildAndExpand(name).toUri())
                .body(started);
    }

    @Operation(summary = "Give up the blue/green rebuild under way",
            description = "Stops filling the next generation, on every instance; the current generation keeps answering. "
                    + "What the rebuild filled is emptied when the next rebuild starts.")
    @ApiResponse(responseCode = "200", description = "Given up; the processor's status")
    @ApiResponse(responseCode = "404", description = "No processor of that name", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "No rebuild of it is under way", content = @Content(mediaType = "application/problem+json"))
    @DeleteMapping("/{name}/rebuild")
    public ProcessorStatusView cancelRebuild(@PathVariable String name) {
        return administration.cancelRebuild(name);
    }
}
