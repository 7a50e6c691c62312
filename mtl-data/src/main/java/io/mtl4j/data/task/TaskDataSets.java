package io.mtl4j.data.task;

import io.mtl4j.head.TaskType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The data sets of one multi-task training run, validated together: names are unique, a task
 * labelled by several data sets is labelled the same way in all (sentence labels, or word tags and
 * entities), and each token task's word tags use one scheme across all data sets and splits, by
 * conversion to BIO or by rejection ({@link TagSchemePolicy}).
 *
 * <pre>{@code
 * TaskDataSets data = TaskDataSets.builder().add(sst2).add(conll)
 *         .tagSchemePolicy(TagSchemePolicy.CONVERT_TO_BIO).build();
 * data.conversions().forEach(c -> log.info(c.describe()));
 * data.summaries().forEach(log::info);
 * }</pre>
 */
public final class TaskDataSets {

    private final List<TaskDataSet> dataSets;
    private final Map<String, TaskType> taskTypes;

    private TaskDataSets(List<TaskDataSet> dataSets, Map<String, TaskType> taskTypes) {
        this.dataSets = dataSets;
        this.taskTypes = taskTypes;
    }

    /** @return a new builder; the tag scheme policy is {@link TagSchemePolicy#REJECT_MIXED} by default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the data sets in the order added, after any tag scheme conversion */
    public List<TaskDataSet> dataSets() {
        return dataSets;
    }

    /**
     * @param name a data set's name
     * @return the data set
     * @throws IllegalArgumentException naming the known data sets if there is none of that name
     */
    public TaskDataSet get(String name) {
        for (TaskDataSet dataSet : dataSets) {
            if (dataSet.name().equals(name)) {
                return dataSet;
            }
        }
        throw new IllegalArgumentException("no data set '" + name + "'; data sets: " + names());
    }

    /** @return every task of every data set, in order of first declaration */
    public List<String> tasks() {
        return List.copyOf(taskTypes.keySet());
    }

    /**
     * @param task a task of one of the data sets
     * @return whether it has sentence labels or word tags and entities
     * @throws IllegalArgumentException if no data set labels the task
     */
    public TaskType taskType(String task) {
        TaskType type = taskTypes.get(task);
        if (type == null) {
            throw new IllegalArgumentException("no data set labels task '" + task + "'; tasks: " + tasks());
        }
        return type;
    }

    /**
     * @param task a task
     * @return the data sets labelling it, in the order added
     */
    public List<TaskDataSet> labelling(String task) {
        return dataSets.stream().filter(d -> d.tasks().contains(task)).toList();
    }

    /** @return one {@link TaskDataSet#summary()} line per data set */
    public List<String> summaries() {
        return dataSets.stream().map(TaskDataSet::summary).toList();
    }

    /** @return every tag scheme conversion of every data set, for the log */
    public List<TagSchemeConversion> conversions() {
        return dataSets.stream().flatMap(d -> d.conversions().stream()).toList();
    }

    private List<String> names() {
        return dataSets.stream().map(TaskDataSet::name).toList();
    }

    /** Collects and validates {@link TaskDataSets}. */
    public static final class Builder {

        private final List<TaskDataSet> dataSets = new ArrayList<>();
        private TagSchemePolicy policy = TagSchemePolicy.REJECT_MIXED;

        private Builder() {
        }

        /**
         * Adds a data set.
         *
         * @param dataSet the data set
         * @return this builder
         */
        public Builder add(TaskDataSet dataSet) {
            dataSets.add(Objects.requireNonNull(dataSet, "dataSet"));
            return this;
        }

        /**
         * Sets how token tasks whose tags are not all in one scheme are handled.
         *
         * @param policy the policy, {@link TagSchemePolicy#REJECT_MIXED} by default; with
         *     {@link TagSchemePolicy#CONVERT_TO_BIO} every token task ends up in BIO
         * @return this builder
         */
        public Builder tagSchemePolicy(TagSchemePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Validates the data sets together and applies the tag scheme policy.
         *
         * @return the data sets
         * @throws IllegalArgumentException if none was added, a name is used twice, a task has
         *     sentence labels in one data set and word tags or entities in another (naming both), or,
         *     under {@code REJECT_MIXED}, a token task's tags use two schemes (naming both places and
         *     the evidence)
         */
        public TaskDataSets build() {
            if (dataSets.isEmpty()) {
                throw new IllegalArgumentException("no data set was added");
            }
            Map<String, TaskDataSet> byName = new LinkedHashMap<>();
            for (TaskDataSet dataSet : dataSets) {
                if (byName.putIfAbsent(dataSet.name(), dataSet) != null) {
                    throw new IllegalArgumentException("data set name '" + dataSet.name() + "' is used twice");
                }
            }
            Map<String, TaskType> types = new LinkedHashMap<>();
            Map<String, TaskDataSet> firstLabelling = new LinkedHashMap<>();
            for (TaskDataSet dataSet : dataSets) {
                for (String task : dataSet.tasks()) {
                    TaskType type = dataSet.taskType(task);
                    TaskType known = types.putIfAbsent(task, type);
                    firstLabelling.putIfAbsent(task, dataSet);
                    if (known != null && known != type) {
                        throw new IllegalArgumentException("task '" + task + "' has " + TaskDataSet.kind(known)
                                + " in data set '" + firstLabelling.get(task).name() + "' but "
                                + TaskDataSet.kind(type) + " in data set '" + dataSet.name() + "'");
                    }
                }
            }
            List<TaskDataSet> harmonized = new ArrayList<>(dataSets);
            for (Map.Entry<String, TaskType> task : types.entrySet()) {
                if (task.getValue() == TaskType.TOKEN_CLASSIFICATION) {
                    harmonize(task.getKey(), harmonized);
                }
            }
            return new TaskDataSets(List.copyOf(harmonized), Collections.unmodifiableMap(types));
        }

        private void harmonize(String task, List<TaskDataSet> harmonized) {
            if (policy == TagSchemePolicy.REJECT_MIXED) {
                List<MixedSchemes.Part> parts = new ArrayList<>();
                for (TaskDataSet dataSet : harmonized) {
                    if (dataSet.tasks().contains(task)) {
                        parts.addAll(dataSet.schemeParts(task, true));
                    }
                }
                MixedSchemes.reject("task '" + task + "'", parts);
                return;
            }
            for (int i = 0; i < harmonized.size(); i++) {
                TaskDataSet dataSet = harmonized.get(i);
                if (dataSet.tasks().contains(task)) {
                    harmonized.set(i, dataSet.harmonizeTagSchemes(task, TagSchemePolicy.CONVERT_TO_BIO));
                }
            }
        }
    }
}
