package io.jemini.multimodal.eval;

import io.jemini.contrastive.data.Split;
import io.jemini.engine.random.Rng;
import io.jemini.multimodal.data.Document;
import io.jemini.multimodal.data.QuestionType;
import io.jemini.multimodal.data.SceneDocuments;
import io.jemini.multimodal.training.MultimodalObjective;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Visual question answering: greedy one-word answers scored by exact match, per question type and split. */
public final class QuestionAnswering {
    private QuestionAnswering() {
    }

    /**
     * Exact-match accuracy of greedy one-word answers on {@code eval.questions} fixed questions of
     * each type and split, with the per-split means and each type's chance level:
     * {@code qa_<type>_<split>}, {@code qa_<split>}, {@code chance_<type>}.
     */
    public static Map<String, Double> measure(MultimodalObjective model) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!(model.documents() instanceof SceneDocuments scenes)) {
            return out;
        }
        for (Split split : Split.values()) {
            double sum = 0;
            List<QuestionType> types = model.documents().questionTypes();
            for (QuestionType type : types) {
                Rng rng = new Rng(model.evalSeed() ^ (31L * (type.ordinal() + 1) + split.ordinal()));
                int hits = 0;
                for (int i = 0; i < model.config().eval().questions(); i++) {
                    Document q = scenes.question(rng, split, type);
                    hits += model.answer(q) == q.answer() ? 1 : 0;
                }
                double accuracy = (double) hits / model.config().eval().questions();
                out.put("qa_" + type.key() + "_" + split.tag(), accuracy);
                sum += accuracy;
            }
            out.put("qa_" + split.tag(), sum / types.size());
        }
        for (QuestionType type : model.documents().questionTypes()) {
            out.put("chance_" + type.key(), scenes.chance(type));
        }
        return out;
    }
}
