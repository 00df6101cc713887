package io.refundledger.query.rebuild;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which generation of each read model this instance reads and writes. Generation 0 is the collections under their
 * plain names (what every read model had before generations existed); generation k is the same names with
 * {@code __g<k>}. A blue/green rebuild fills generation k+1 while queries read k, then switches.
 *
 * <p>Two generations per read model matter here: the <em>active</em> one, which answers queries (shared by all
 * instances through {@link GenerationRecords}), and the one this instance's live processor is <em>processing</em>,
 * which changes only while that processor is stopped, so a batch and the token stored after it always belong to one
 * generation. They differ for the second or so it takes an instance to notice a switch made by another.
 *
 * <p>A thread that handles events pins the generation it writes ({@link #pin}); collections resolve to the pin, else
 * to the active generation.
 */
public final class ReadModelGenerations {

    static final String COLLECTION_SEPARATOR = "__g";
    /** Token rows of generation k > 0 are stored under {@code <processor>@g<k>}. */
    static final String TOKEN_SEPARATOR = "@g";
    private static final Pattern GENERATION_SUFFIX = Pattern.compile("^(.+)" + COLLECTION_SEPARATOR + "(\\d+)$");
    private static final Pattern TOKEN_GENERATION_SUFFIX = Pattern.compile("^(.+)" + TOKEN_SEPARATOR + "(\\d+)$");

    private static final ThreadLocal<Map<String, Integer>> PINS = ThreadLocal.withInitial(HashMap::new);

    private final ReadModelOwners owners;
    private final Map<String, Integer> active = new ConcurrentHashMap<>();
    private final Map<String, Integer> processing = new ConcurrentHashMap<>();

    public ReadModelGenerations(ReadModelOwners owners) {
        this.owners = owners;
    }

    public ReadModelOwners owners() {
        return owners;
    }

    // ------------------------------------------------------------------------------------------- names

    /** The physical name of a collection of generation {@code generation}. */
    public static String physicalName(String logical, int generation) {
        return generation == 0 ? logical : logical + COLLECTION_SEPARATOR + generation;
    }

    /** The logical name behind a physical one ({@code refund_progress__g2} → {@code refund_progress}). */
    public static String logicalName(String physical) {
        Matcher m = GENERATION_SUFFIX.matcher(physical);
        return m.matches() ? m.group(1) : physical;
    }

    public static int generationOf(String physical) {
        Matcher m = GENERATION_SUFFIX.matcher(physical);
        return m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }

    /** The token store name of a processor's generation. */
    public static String tokenName(String processor, int generation) {
        return generation == 0 ? processor : processor + TOKEN_SEPARATOR + generation;
    }

    /** The processor behind a token store name ({@code finance-reports@g2} → {@code finance-reports}). */
    public static String processorOf(String tokenName) {
        Matcher m = TOKEN_GENERATION_SUFFIX.matcher(tokenName);
        return m.matches() ? m.group(1) : tokenName;
    }

    /** The generation a token store name stands for ({@code finance-reports@g2} → 2; a plain processor name → 0). */
    public static int generationOfToken(String tokenName) {
        Matcher m = TOKEN_GENERATION_SUFFIX.matcher(tokenName);
        return m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }

    /** The collection this thread reads or writes for a logical name: its pinned generation, else the active one. */
    public String resolve(String logical) {
        Optional<String> owner = owners.ownerOf(logical);
        if (owner.isEmpty()) {
            return logical;
        }
        Integer pinned = PINS.get().get(owner.get());
        return physicalName(logical, pinned != null ? pinned : active(owner.get()));
    }

    // ------------------------------------------------------------------------------------------- state

    public int active(String owner) {
        return active.getOrDefault(owner, 0);
    }

    public int processing(String owner) {
        return processing.getOrDefault(owner, 0);
    }

    void activate(String owner, int generation) {
        active.put(owner, generation);
    }

    /** Only while the owner's live processor is stopped (see the class comment). */
    void process(String owner, int generation) {
        processing.put(owner, generation);
    }

    // ------------------------------------------------------------------------------------------- pins

    /** Resolves the owner's collections to {@code generation} on this thread until the pin is closed. */
    public Pin pin(String owner, int generation) {
        Map<String, Integer> pins = PINS.get();
        Integer previous = pins.put(owner, generation);
        return () -> {
            if (previous == null) {
                pins.remove(owner);
            } else {
                pins.put(owner, previous);
            }
        };
    }

    /** The pins in force on this thread, to put back on another ({@link #pinAll}). */
    public Map<String, Integer> pinsOfThisThread() {
        return Map.copyOf(PINS.get());
    }

    /** Puts {@code pins} in force on this thread until the returned pin is closed. */
    public Pin pinAll(Map<String, Integer> pins) {
        List<Pin> opened = new ArrayList<>();
        pins.forEach((owner, generation) -> opened.add(pin(owner, generation)));
        return () -> {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
        };
    }

    public boolean isPinned(String owner) {
        return PINS.get().containsKey(owner);
    }

    public interface Pin extends AutoCloseable {
        @Override
        void close();
    }
}
