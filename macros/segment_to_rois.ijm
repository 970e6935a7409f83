// Segments one MRI stack with the Brain Tumor UNet into the ROI Manager (one ROI per slice with tumour, named
// <title>:<slice>) and saves the ROI names and the tumour volume table.
// Arguments (separated by |): input TIFF | output folder | model bundle folder (empty = embedded default) | threshold
//   ImageJ -batch segment_to_rois.ijm "/data/TCGA_CS_4941.tif|/results|/models/unet|-1"
M = "io.github.braintumor.fiji.MacroSupport."; // argument parsing, input checks, output folders, failing (exit 1 under -batch)
A = getArgument();
input = call(M + "inputFile", call(M + "argument", A, "0"), "input TIFF");
output = call(M + "outputFolder", call(M + "argument", A, "1"), "output folder");
model = call(M + "argument", A, "2");
threshold = -1;
if (call(M + "argument", A, "3") != "") threshold = parseFloat(call(M + "argument", A, "3"));
setBatchMode(true);
open(input);
base = File.nameWithoutExtension;
run("Segment Tumor (UNet)", "model=[" + model + "] threshold=" + threshold + " outline=false batchsize=4 output=roi");
names = "";
for (i = 0; i < roiManager("count"); i++) {
    roiManager("select", i);
    names = names + Roi.getName + "\n";
}
File.saveString(names, output + File.separator + base + "-rois.txt");
Table.save(output + File.separator + base + "-volume.csv", "Tumor Volume");
print("segment_to_rois: " + roiManager("count") + " ROIs");
