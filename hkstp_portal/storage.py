from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files that must never have a public address (CVs, data exports).

    A plain FileSystemStorage falls back to MEDIA_URL for url(); this one refuses, so
    a template can never link a CV past the permission-checking view by mistake.
    """

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a view that checks access.")
