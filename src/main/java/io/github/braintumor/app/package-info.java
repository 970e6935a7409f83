/**
 * Use cases shared by the CLI and Fiji: segmenting and classifying a stack of slices, training jobs, IoU and model
 * evaluation requests, model choice and model cards, progress text and report files. Nothing here imports ImageJ
 * or SciJava, so the command line runs them without Fiji and the Fiji commands only add dialogs, images and tables.
 */
package io.github.braintumor.app;
