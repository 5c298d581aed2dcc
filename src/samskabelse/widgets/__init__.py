"""The shared widget and figure parts: names and page support (access), live figures, the error boundary,
course display helpers and notebook 00's try-it slider. Knows the course, but no section."""
