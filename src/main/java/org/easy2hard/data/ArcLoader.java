package org.easy2hard.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads ARC as the paper does (paper-spec §2): ARC-Easy then ARC-Challenge, each Train, Dev, Test in file order,
 * inner-joined with the hardness annotation file on the id, rows whose grade is a subject name instead of a grade
 * dropped, then de-duplicated on id keeping the first: 4,521 items.
 *
 * <p>Hardness columns added: {@code human_grade} (3..8), {@code human_difficulty} (Low/Medium/High as 1/2/3),
 * {@code human_bloom} (Remembering..Evaluating as 1..5), {@code human_depth_of_knowledge} (I/II/III as 1/2/3),
 * {@code question_num_words}, {@code answer_num_words}, {@code answer_num_chars}.
 */
public final class ArcLoader {

    /** The annotation file, relative to the data directory. */
    public static final String ANNOTATIONS = "arc/arc-challenge-easy-annotations.json";

    /** The six question files in the paper's row order. */
    public static final List<String> FILES = List.of(
            "arc/ARC-Easy/ARC-Easy-Train.jsonl", "arc/ARC-Easy/ARC-Easy-Dev.jsonl", "arc/ARC-Easy/ARC-Easy-Test.jsonl",
            "arc/ARC-Challenge/ARC-Challenge-Train.jsonl", "arc/ARC-Challenge/ARC-Challenge-Dev.jsonl",
            "arc/ARC-Challenge/ARC-Challenge-Test.jsonl");

    /**
     * Annotation "grades" that are subject names: the paper's code cannot parse them into a number and drops the
     * rows. Any other value that is not "Grade NN" is an error, since it would mean a different annotation file.
     */
    static final Set<String> SUBJECT_GRADES = Set.of("Biology", "Earth and Space Sciences");

    private static final Pattern GRADE = Pattern.compile("Grade (\\d{1,2})");
    private static final Map<String, Integer> DIFFICULTY = Map.of("Low", 1, "Medium", 2, "High", 3);
    private static final Map<String, Integer> BLOOM = Map.of(
            "Remembering", 1, "Understanding", 2, "Applying", 3, "Analyzing", 4, "Evaluating", 5);
    private static final Map<String, Integer> DEPTH_OF_KNOWLEDGE = Map.of("I", 1, "II", 2, "III", 3);

    private final JsonRecords json = new JsonRecords();

    /** All 4,521 annotated ARC items (the paper's {@code ai2_arc_all}), in the paper's row order. */
    public Dataset load(DataStore store) {
        Map<String, Annotation> annotations = readAnnotations(store.require(ANNOTATIONS));
        List<Item> items = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Item item : readQuestions(store)) {
            Annotation annotation = annotations.get(item.id());
            // Inner join, drop unparseable (subject-name) grades, keep the first row of a duplicated id.
            if (annotation == null || annotation.grade() == null || !seen.add(item.id())) {
                continue;
            }
            items.add(annotate(item, annotation));
        }
        return new Dataset(DatasetId.ARC, "arc_all", items);
    }

    /**
     * All 7,787 ARC questions of the six files (3-, 4- and 5-option items, letter and numeric labels) with length
     * measures but no annotations, for studies that don't need the paper's human hardness annotations.
     */
    public Dataset loadQuestions(DataStore store) {
        List<Item> items = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Item item : readQuestions(store)) {
            if (seen.add(item.id())) {
                items.add(item);
            }
        }
        return new Dataset(DatasetId.ARC, "ai2_arc_questions", items);
    }

    private List<Item> readQuestions(DataStore store) {
        List<Item> items = new ArrayList<>();
        for (String relative : FILES) {
            Path file = store.require(relative);
            String split = file.getParent().getFileName() + "/" + splitName(file);
            for (JsonRecords.Located row : json.readLines(file)) {
                items.add(parseQuestion(row, split));
            }
        }
        return items;
    }

    /** The question files of the store that hold no question (empty or blank): the likely cause of missing ids. */
    static List<Path> emptyQuestionFiles(DataStore store) {
        List<Path> empty = new ArrayList<>();
        for (String relative : FILES) {
            Path file = store.root().resolve(relative);
            try {
                if (Files.isRegularFile(file) && Files.readString(file, java.nio.charset.StandardCharsets.UTF_8)
                        .isBlank()) {
                    empty.add(file);
                }
            } catch (java.io.IOException e) {
                empty.add(file);
            }
        }
        return empty;
    }

    private static String splitName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.lastIndexOf('-') + 1, name.indexOf('.'));
    }

    private static Item parseQuestion(JsonRecords.Located row, String split) {
        String id = row.text("id");
        String stem = row.text("question.stem");
        String answerKey = row.text("answerKey");
        var choices = row.node().path("question").path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw row.error("item " + id + ": missing array field 'question.choices'");
        }
        List<String> options = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (var choice : choices) {
            JsonRecords.Located located = new JsonRecords.Located(choice, row.line(), row.file());
            options.add(located.text("text"));
            labels.add(located.text("label"));
        }
        int gold = labels.indexOf(answerKey);
        if (gold < 0) {
            throw row.error("item " + id + ": unknown answer label '" + answerKey + "' (the choices are labelled "
                    + String.join(", ", labels) + ")");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("answer_key", answerKey);
        attributes.put("choice_labels", String.join("", labels));
        return new Item(id, DatasetId.ARC, split, stem, options, gold, options.get(gold), "", List.of(),
                attributes, LengthMeasures.of(stem, options.get(gold), null));
    }

    private static Item annotate(Item item, Annotation annotation) {
        Map<String, String> attributes = new LinkedHashMap<>(item.attributes());
        attributes.put("grade", annotation.gradeText());
        attributes.put("difficulty", annotation.difficultyText());
        attributes.put("bloom", annotation.bloomText());
        attributes.put("depth_of_knowledge", annotation.depthText());
        Map<String, Double> hardness = new LinkedHashMap<>();
        hardness.put("human_grade", (double) annotation.grade());
        hardness.put("human_difficulty", (double) DIFFICULTY.get(annotation.difficultyText()));
        hardness.put("human_bloom", (double) BLOOM.get(annotation.bloomText()));
        hardness.put("human_depth_of_knowledge", (double) DEPTH_OF_KNOWLEDGE.get(annotation.depthText()));
        hardness.putAll(item.hardness());
        return new Item(item.id(), item.dataset(), item.split(), item.question(), item.options(), item.goldIndex(),
                item.answer(), item.reasoning(), item.decomposition(), attributes, hardness);
    }

    /** One annotation; {@code grade} is null for the subject-name grades the paper drops. */
    private record Annotation(Integer grade, String gradeText, String difficultyText, String bloomText,
            String depthText) {
    }

    private Map<String, Annotation> readAnnotations(Path file) {
        Map<String, Annotation> byId = new HashMap<>();
        for (JsonRecords.Entry entry : json.readObjectEntries(file)) {
            JsonRecords.Located value = entry.value();
            String key = entry.key();
            if (!key.startsWith("ARCEZ_") && !key.startsWith("ARCCH_")) {
                throw value.error("annotation key '" + key + "' does not start with ARCEZ_ or ARCCH_");
            }
            String gradeText = value.text("grade");
            Integer grade = parseGrade(gradeText, value);
            String difficulty = known(value, "difficulty", DIFFICULTY);
            String bloom = known(value, "bloom", BLOOM);
            String depth = known(value, "depth_of_knowledge", DEPTH_OF_KNOWLEDGE);
            // The paper joins on the key without its 6-character prefix.
            byId.putIfAbsent(key.substring(6), new Annotation(grade, gradeText, difficulty, bloom, depth));
        }
        return byId;
    }

    private static Integer parseGrade(String text, JsonRecords.Located value) {
        Matcher matcher = GRADE.matcher(text);
        if (matcher.matches()) {
            int grade = Integer.parseInt(matcher.group(1));
            if (grade >= 1 && grade <= 12) {
                return grade;
            }
        }
        if (SUBJECT_GRADES.contains(text)) {
            return null;
        }
        throw value.error("unknown grade '" + text + "' (expected 'Grade 01'..'Grade 12' or one of "
                + String.join(", ", SUBJECT_GRADES) + ")");
    }

    private static String known(JsonRecords.Located value, String field, Map<String, Integer> codes) {
        String text = value.text(field);
        if (!codes.containsKey(text)) {
            throw value.error("unknown " + field + " '" + text + "' (expected one of "
                    + String.join(", ", codes.keySet().stream().sorted().toList()) + ")");
        }
        return text;
    }
}
