package io.mtl4j.train;

import ai.djl.nn.Parameter;
import io.mtl4j.encoder.SharedEncoder;
import io.mtl4j.model.MultiTaskModel;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Resolves {@link TrainableParameters} against a model: which parameters are frozen, which belong to
 * the shared encoder, and each one's learning-rate factor. Frozen parameters stop requiring gradients
 * for the run ({@link #apply()}), so autograd does not even compute them.
 */
final class ParameterPlan implements AutoCloseable {

    private final Map<String, Parameter> parameters;
    private final Set<String> encoderNames;
    private final Set<String> frozen;
    private final Map<String, Double> rateFactors;
    private final Map<String, String> taskOfHeadParameter = new LinkedHashMap<>();
    private final Map<String, Boolean> previous = new LinkedHashMap<>();

    ParameterPlan(MultiTaskModel model, TrainableParameters trainable) {
        SharedEncoder encoder = model.encoder();
        int layers = encoder.layerCount();
        for (String task : trainable.frozenHeads()) {
            if (!model.heads().containsKey(task)) {
                throw new IllegalArgumentException("trainable.frozenHeads names task '" + task
                        + "', which the model does not have; its tasks: " + model.heads().keySet());
            }
        }
        if (trainable.frozenLowestLayers() > layers) {
            throw new IllegalArgumentException("trainable.frozenLowestLayers is " + trainable.frozenLowestLayers()
                    + ", but the encoder has " + layers + " layers");
        }
        if ((trainable.freezeEmbeddings() || trainable.layerwiseDecay() < 1) && layers == 0) {
            String field = trainable.freezeEmbeddings() ? "trainable.freezeEmbeddings" : "trainable.layerwiseDecay";
            throw new IllegalArgumentException(field + " needs an encoder with layers, but encoder '"
                    + encoder.type() + "' reports none");
        }
        this.parameters = model.namedParameters();
        model.heads().forEach((task, head) -> head.namedParameters().keySet().forEach(
                name -> taskOfHeadParameter.put(MultiTaskModel.headParameterName(task, name), task)));
        this.encoderNames = Collections.unmodifiableSet(new LinkedHashSet<>(encoder.namedParameters().keySet()));
        Set<String> frozenNames = new LinkedHashSet<>();
        Map<String, Double> factors = new LinkedHashMap<>();
        for (String name : parameters.keySet()) {
            if (encoderNames.contains(name)) {
                int depth = encoder.depthOf(name);
                boolean freeze = trainable.freezeEncoder()
                        || (trainable.freezeEmbeddings() && depth == 0)
                        || (depth >= 1 && depth <= trainable.frozenLowestLayers());
                if (freeze) {
                    frozenNames.add(name);
                }
                factors.put(name, Math.pow(trainable.layerwiseDecay(), Math.max(0, layers - depth)));
            } else {
                String task = taskOfHeadParameter.get(name);
                if (trainable.frozenHeads().contains(task)) {
                    frozenNames.add(name);
                }
                factors.put(name, 1.0);
            }
        }
        this.frozen = Collections.unmodifiableSet(frozenNames);
        this.rateFactors = Collections.unmodifiableMap(factors);
    }

    /** Stops frozen parameters from requiring gradients until {@link #close()}. */
    ParameterPlan apply() {
        for (String name : frozen) {
            Parameter p = parameters.get(name);
            previous.put(name, p.getArray().hasGradient());
            p.getArray().setRequiresGradient(false);
        }
        return this;
    }

    /** Restores the frozen parameters' gradient flags. */
    @Override
    public void close() {
        previous.forEach((name, flag) -> parameters.get(name).getArray().setRequiresGradient(flag));
        previous.clear();
    }

    Map<String, Parameter> parameters() {
        return parameters;
    }

    boolean isEncoder(String name) {
        return encoderNames.contains(name);
    }

    Set<String> encoderNames() {
        return encoderNames;
    }

    /** @return the trainable encoder parameters (what gradient surgery and cosines look at) */
    Set<String> trainableEncoderNames() {
        Set<String> names = new LinkedHashSet<>(encoderNames);
        names.removeAll(frozen);
        return names;
    }

    boolean isFrozen(String name) {
        return frozen.contains(name);
    }

    Set<String> frozen() {
        return frozen;
    }

    double rateFactor(String name) {
        return rateFactors.get(name);
    }

    /**
     * @param tasks the tasks labelled in a step
     * @return the parameters updated by the step: the unfrozen encoder and the unfrozen heads of those tasks
     */
    Set<String> updatedBy(Collection<String> tasks) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : parameters.keySet()) {
            if (frozen.contains(name) || !parameters.get(name).requiresGradient()) {
                continue;
            }
            if (encoderNames.contains(name) || tasks.contains(taskOfHeadParameter.get(name))) {
                names.add(name);
            }
        }
        return names;
    }
}
