// Classifies every slice of an MRI slice or stack as tumour / no tumour and saves the table as CSV.
// Arguments (separated by |): input TIFF | output CSV | model bundle folder (optional; empty = embedded default)
//   ImageJ -batch classify_stack.ijm "/data/stack.tif|/results/classes.csv|/models/classifier"
M = "io.github.braintumor.fiji.MacroSupport."; // argument parsing, input checks, output folders, failing (exit 1 under -batch)
A = getArgument();
if (A == "") {
    input = File.openDialog("MRI slice or stack (TIFF)");
    output = File.openDialog("Output CSV");
} else {
    input = call(M + "inputFile", call(M + "argument", A, "0"), "input TIFF");
    output = call(M + "outputFile", call(M + "argument", A, "1"), "output CSV");
}
model = call(M + "argument", A, "2");
setBatchMode(true);
open(input);
run("Classify Tumor Slice", "method=auto model=[" + model + "] threshold=-1 batchsize=4 overlay");
print("classify_stack: overlay of " + Overlay.size + " labels");
Table.save(output, "Tumor Classification");
print("classify_stack: wrote " + output);
