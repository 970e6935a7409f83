package io.github.braintumor.bioimageio;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.braintumor.data.LggDataset;
import io.github.braintumor.model.BundleException;
import io.github.braintumor.model.ModelInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who and what a bioimage.io export describes: name, description, authors, citations and licences. They come from
 * the bundle itself, never from the plugin's own defaults for someone else's model: an imported model keeps what its
 * package said (recorded in {@code model.json} on import), a model trained here on the LGG data carries that data's
 * licence and citation and its card's title, and each can be overridden.
 *
 * <pre>{@code
 * ExportMetadata m = ExportMetadata.of(info, "my-unet", cardMarkdown).withAuthors(List.of("A. Researcher"));
 * }</pre>
 *
 * @param license     SPDX licence of the weights, or null when nothing says it (the export then asks for one)
 * @param dataLicense SPDX licence of the training data, or null when not known
 * @param cite        each {@code {text, doi}} or {@code {text, url}}
 * @param tags        bioimage.io tags (LGG-specific ones only for models trained on it)
 */
public record ExportMetadata(
        String name,
        String description,
        List<String> authors,
        List<Map<String, Object>> cite,
        String license,
        String dataLicense,
        List<String> tags) {

    /** Licence of the LGG data set (and so of weights trained on it). */
    public static final String LGG_LICENSE = LggDataset.LICENSE;
    /** The authors named for the plugin's own embedded models. */
    public static final String PLUGIN_AUTHORS = "The Brain Tumor for Fiji authors";

    static final Map<String, Object> BUDA = Map.of(
            "text",
            "Buda M, Saha A, Mazurowski MA. Association of genomic subtypes of lower-grade gliomas with shape features"
                    + " automatically extracted by a deep learning algorithm. Computers in Biology and Medicine 109,"
                    + " 2019.",
            "doi",
            "10.1016/j.compbiomed.2019.05.002");
    static final Map<String, Object> PLUGIN = Map.of(
            "text",
            "Brain Tumor for Fiji: tumour classification, segmentation and training in Fiji (see its CITATION.cff)",
            "url",
            "https://imagej.net/plugins/");

    /**
     * @param bundleName the bundle's folder name (the name of last resort)
     * @param card the bundle's model card (Markdown), or null
     */
    public static ExportMetadata of(ModelInfo info, String bundleName, String card) {
        String source = info.architectureString("source", null);
        boolean imported = "bioimageio".equals(info.architectureString("name", null));
        List<String> authors = strings(info.architecture(), "authors");
        List<Map<String, Object>> cite = citations(info.architecture());
        String title = title(card);
        if (imported || ModelInfo.FORMAT_TORCHSCRIPT.equals(info.weightsFormat()) && source != null) {
            String name = source != null ? source : title != null ? title : bundleName;
            return new ExportMetadata(
                    name,
                    info.architectureString(
                            "description", "Segmentation model '" + name + "', imported into Brain Tumor for Fiji."),
                    authors.isEmpty() ? List.of(System.getProperty("user.name", "unknown")) : authors,
                    cite.isEmpty() ? List.of(PLUGIN) : cite,
                    info.architectureString("license", null),
                    null,
                    GENERIC_TAGS);
        }
        boolean lgg = trainedOnLgg(info);
        String name = title != null ? title : "Brain Tumor UNet (" + bundleName + ")";
        return new ExportMetadata(
                name,
                lgg
                        ? "Segments lower-grade glioma (FLAIR abnormality) in 256x256 RGB brain MRI slices (pre-contrast,"
                                + " FLAIR, post-contrast), trained on the LGG segmentation data set (Buda et al. 2019)"
                                + " with Brain Tumor for Fiji."
                        : "Tumour segmentation UNet trained with Brain Tumor for Fiji.",
                authors.isEmpty() ? List.of(System.getProperty("user.name", "unknown")) : authors,
                lgg ? List.of(BUDA, PLUGIN) : List.of(PLUGIN),
                lgg ? LGG_LICENSE : info.architectureString("license", null),
                lgg ? LGG_LICENSE : null,
                lgg ? LGG_TAGS : GENERIC_TAGS);
    }

    static final List<String> GENERIC_TAGS = List.of("segmentation", "2d", "pytorch", "fiji");
    static final List<String> LGG_TAGS =
            List.of("unet", "segmentation", "brain", "mri", "glioma", "flair", "2d", "pytorch", "fiji");

    /** Whether every training patient is a TCGA LGG patient (the data set's folder names; phantoms are not). */
    static boolean trainedOnLgg(ModelInfo info) {
        return info.training() != null && LggDataset.isLggCohort(info.training().patients());
    }

    /** The card's first heading, without a leading "Model card:". */
    static String title(String card) {
        if (card == null) return null;
        for (String line : card.split("\n")) {
            if (line.startsWith("# ")) {
                String t = line.substring(2).trim();
                return t.regionMatches(true, 0, "Model card:", 0, 11)
                        ? t.substring(11).trim()
                        : t;
            }
        }
        return null;
    }

    public ExportMetadata withName(String name) {
        return new ExportMetadata(name, description, authors, cite, license, dataLicense, tags);
    }

    public ExportMetadata withAuthors(List<String> authors) {
        return new ExportMetadata(name, description, List.copyOf(authors), cite, license, dataLicense, tags);
    }

    public ExportMetadata withLicense(String license) {
        return new ExportMetadata(name, description, authors, cite, license, dataLicense, tags);
    }

    /**
     * The name as bioimage.io allows it: letters, digits, spaces and {@code _+-()}, 5 to 128 characters (anything
     * else becomes '_', e.g. a file name's dot; a short name is padded with " model").
     */
    static String packageName(String name) {
        String n = name.replaceAll("[^A-Za-z0-9_+\\- ()]", "_").strip();
        if (n.length() < 5) n = (n + " model").strip();
        return n.length() > 128 ? n.substring(0, 128).strip() : n;
    }

    /** @throws BundleException when no licence is known (bioimage.io requires one and guessing it is not ours to do) */
    ExportMetadata checked(String bundle) throws BundleException {
        if (license == null || license.isBlank()) {
            throw new BundleException(bundle + " does not say under which licence its weights are: give one"
                    + " (--license SPDX, e.g. MIT or CC-BY-4.0)");
        }
        if (authors.isEmpty() || name == null || name.isBlank()) {
            throw new BundleException(bundle + ": the export needs a name and at least one author (--name, --authors)");
        }
        return withName(packageName(name));
    }

    /** Records a package's authors and citations in an imported bundle's architecture object. */
    static void record(
            JsonObject architecture, String description, List<String> authors, List<Map<String, Object>> cite) {
        if (description != null && !description.isBlank()) architecture.addProperty("description", description);
        if (!authors.isEmpty()) {
            JsonArray a = new JsonArray();
            authors.forEach(a::add);
            architecture.add("authors", a);
        }
        if (!cite.isEmpty()) {
            JsonArray c = new JsonArray();
            for (Map<String, Object> entry : cite) {
                JsonObject o = new JsonObject();
                entry.forEach((k, v) -> o.addProperty(k, String.valueOf(v)));
                c.add(o);
            }
            architecture.add("cite", c);
        }
    }

    private static List<String> strings(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        JsonElement e = o == null ? null : o.get(key);
        if (e != null && e.isJsonArray()) e.getAsJsonArray().forEach(x -> out.add(x.getAsString()));
        return out;
    }

    private static List<Map<String, Object>> citations(JsonObject o) {
        List<Map<String, Object>> out = new ArrayList<>();
        JsonElement e = o == null ? null : o.get("cite");
        if (e == null || !e.isJsonArray()) return out;
        for (JsonElement c : e.getAsJsonArray()) {
            if (!c.isJsonObject()) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            c.getAsJsonObject()
                    .entrySet()
                    .forEach(en -> m.put(en.getKey(), en.getValue().getAsString()));
            if (m.containsKey("text") && (m.containsKey("doi") || m.containsKey("url"))) out.add(m);
        }
        return out;
    }
}
