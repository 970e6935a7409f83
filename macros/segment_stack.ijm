// Segments one MRI slice or stack with the Brain Tumor UNet and saves the mask stack and the table.
// Arguments (separated by |): input TIFF | output folder | model bundle folder (optional; empty = embedded default)
//   | more options (optional, e.g. "resample=false": refuse slices of another size than the model's input)
//   ImageJ -batch segment_stack.ijm "/data/TCGA_CS_4941.tif|/results|/models/unet"
// Without arguments it asks for the files.
args = split(getArgument(), "(\\|)"); // a regular expression: empty fields (a|b||c) are kept
if (getArgument() == "") {
    input = File.openDialog("MRI slice or stack (TIFF)");
    output = getDirectory("Output folder");
    model = "";
} else {
    input = args[0];
    output = args[1];
    model = "";
    if (args.length > 2) model = args[2];
}
more = "";
if (args.length > 3) more = " " + args[3];
setBatchMode(true);
open(input);
title = getTitle();
base = File.nameWithoutExtension;
run("Segment Tumor (UNet)", "model=[" + model + "] threshold=-1 probability=true outline=true batchsize=4" + more);
if (isOpen(base + "-probability")) print("segment_stack: probability map made");
selectImage(base + "-mask");
saveAs("Tiff", output + File.separator + base + "-mask.tif");
Table.save(output + File.separator + base + "-segmentation.csv", "Tumor Segmentation");
print("segment_stack: " + Table.size("Tumor Segmentation") + " slices in the table, tumour pixels in slice 1: "
    + Table.get("tumour pixels", 0, "Tumor Segmentation"));
print("segment_stack: wrote " + output + File.separator + base + "-mask.tif");
