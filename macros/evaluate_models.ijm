// Evaluates a UNet bundle, or a folder of predicted masks, against the ground truth; writes report.html,
// summary.json, CSV tables and pictures into the output folder (Plugins>Brain Tumor>Evaluate Tumor Models).
// Arguments (separated by |): data folder | output folder | UNet bundle, or a folder of predicted masks
// <patient>/<slice>_pred.tif (from batch_segment_folder.ijm or 'brain-tumor segment')
//   ImageJ -batch evaluate_models.ijm "/data/kaggle_3m|/results/eval|/models/unet"
args = split(getArgument(), "(\\|)"); // a regular expression: empty fields (a|b||c) are kept
if (getArgument() == "") {
    data = getDirectory("Data folder with ground truth");
    output = getDirectory("Output folder");
    model = getDirectory("UNet bundle or predicted masks folder");
} else {
    data = args[0];
    output = args[1];
    model = args[2];
}
unet = "";
predictions = "";
if (File.exists(model + File.separator + "model.json")) unet = model;
else predictions = model;
run("Evaluate Tumor Models", "data=[" + data + "] output=[" + output + "] unet=[" + unet + "] classifier=[]"
    + " threshold=-1 lcc=true tta=false minarea=0 patients=[] predictions=[" + predictions + "] writethreshold=false"
    + " modalities=[] brightness=[] storage=[] overwrite=false");   // overwrite=true replaces an earlier evaluation in output
print("evaluation written to " + output);
