// Segments one MRI slice or stack with the Brain Tumor UNet and saves the mask stack and the table.
// Arguments (separated by |): input TIFF | output folder | model bundle folder (optional; empty = embedded default)
//   | more options (optional, e.g. "resample=false": refuse slices of another size than the model's input)
//   ImageJ -batch segment_stack.ijm "/data/TCGA_CS_4941.tif|/results|/models/unet"
// Without arguments it asks for the files.
M = "io.github.braintumor.fiji.MacroSupport."; // argument parsing, input checks, output folders, failing (exit 1 under -batch)
A = getArgument();
if (A == "") {
    input = File.openDialog("MRI slice or stack (TIFF)");
    output = getDirectory("Output folder");
} else {
    input = call(M + "inputFile", call(M + "argument", A, "0"), "input TIFF");
    output = call(M + "outputFolder", call(M + "argument", A, "1"), "output folder");
}
model = call(M + "argument", A, "2");
more = " " + call(M + "argument", A, "3");
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
